from django.urls import path

from . import views

urlpatterns = [
    path("evaluation/", views.periods, name="evaluation-periods"),
    path("evaluation/schemes/", views.schemes, name="evaluation-schemes"),
    path("evaluation/schemes/new/", views.scheme_edit, name="evaluation-scheme-new"),
    path("evaluation/schemes/<int:scheme_id>/", views.scheme_edit, name="evaluation-scheme"),
    path("evaluation/periods/new/", views.period_new, name="evaluation-period-new"),
    path("evaluation/periods/<int:period_id>/", views.period, name="evaluation-period"),
    path("evaluation/periods/<int:period_id>/rate/", views.period_rate, name="evaluation-rate"),
    path("evaluation/periods/<int:period_id>/export/", views.period_export, name="evaluation-export"),
    path("evaluation/periods/<int:period_id>/selection/", views.selection, name="evaluation-selection"),
    path(
        "evaluation/periods/<int:period_id>/compute/", views.period_compute, name="evaluation-period-compute"
    ),
    path("evaluation/periods/<int:period_id>/close/", views.period_close, name="evaluation-period-close"),
    path("evaluation/scores/<int:score_id>/", views.score, name="evaluation-score"),
    path(
        "evaluation/scores/<int:score_id>/records/<str:indicator>/",
        views.score_records,
        name="evaluation-score-records",
    ),
    path("evaluation/scores/<int:score_id>/rate/", views.score_rate, name="evaluation-score-rate"),
    path(
        "evaluation/scores/<int:score_id>/nominate/", views.score_nominate, name="evaluation-score-nominate"
    ),
    path("evaluation/scores/<int:score_id>/account/", views.score_account, name="evaluation-score-account"),
    path("evaluation/commendation/", views.commendation, name="evaluation-commendation"),
    path(
        "evaluation/nominations/<int:nomination_id>/decide/",
        views.nomination_decide,
        name="evaluation-nomination-decide",
    ),
    path("evaluation/accountability/", views.accountabilities, name="evaluation-accountabilities"),
    path(
        "evaluation/accountability/<int:accountability_id>/",
        views.accountability,
        name="evaluation-accountability",
    ),
    path(
        "evaluation/candidates/<int:candidate_id>/decide/",
        views.candidate_decide,
        name="evaluation-candidate-decide",
    ),
]
