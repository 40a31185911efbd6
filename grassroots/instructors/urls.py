from django.urls import path

from . import views, views_work

urlpatterns = [
    path("instructors/", views.home, name="instructors-home"),
    path("instructors/mine/", views.mine, name="instructors-mine"),
    path("instructors/log/", views_work.work_log, name="instructors-log"),
    path("instructors/cadre-review/", views_work.cadre_review, name="instructors-cadre-review"),
    path("instructors/calls/<int:call_id>/", views.call_detail, name="instructors-call"),
    path("instructors/calls/<int:call_id>/apply/", views.apply, name="instructors-apply"),
    path("instructors/calls/<int:call_id>/ledger/", views.ledger, name="instructors-ledger"),
    path("instructors/calls/<int:call_id>/needs/", views.needs, name="instructors-needs"),
    path("instructors/calls/<int:call_id>/matching/", views.matching, name="instructors-matching"),
    path("instructors/calls/<int:call_id>/training/", views_work.training, name="instructors-training"),
    path(
        "instructors/calls/<int:call_id>/missing-logs/", views_work.missing_logs, name="instructors-missing"
    ),
    path("instructors/calls/<int:call_id>/meetings/", views_work.meetings, name="instructors-meetings"),
    path("instructors/calls/<int:call_id>/assessment/", views_work.assessment, name="instructors-assessment"),
    path(
        "instructors/calls/<int:call_id>/assessment.xlsx",
        views_work.assessment_xlsx,
        name="instructors-export",
    ),
    path(
        "instructors/calls/<int:call_id>/survey-codes/",
        views_work.survey_codes,
        name="instructors-survey-codes",
    ),
    path("instructors/people/<int:instructor_id>/", views.person, name="instructors-person"),
    path(
        "instructors/people/<int:instructor_id>/preferences/",
        views.preferences,
        name="instructors-preferences",
    ),
    path("instructors/people/<int:instructor_id>/leave/", views.leave, name="instructors-leave"),
    path(
        "instructors/people/<int:instructor_id>/review/",
        views_work.unit_review,
        name="instructors-unit-review",
    ),
    path("instructors/needs/<int:need_id>/", views.need_edit, name="instructors-need"),
    path(
        "instructors/matchings/<int:matching_id>/", views.matching_detail, name="instructors-matching-detail"
    ),
    path(
        "instructors/assessments/<int:assessment_id>/",
        views_work.assessment_detail,
        name="instructors-assessment-detail",
    ),
    path("survey/<str:village_code>/", views_work.survey, name="instructors-survey"),
]
