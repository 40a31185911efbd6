from django.urls import path

from . import views

urlpatterns = [
    path("deployment/coverage/", views.coverage_page, name="deployment-coverage"),
    path("deployment/rebalancing/", views.rebalancing_create, name="deployment-rebalance"),
    path("deployment/rebalancing/<int:proposal_id>/", views.proposal_page, name="deployment-proposal"),
    path(
        "deployment/rebalancing/<int:proposal_id>/apply/",
        views.proposal_decide,
        {"decision": "apply"},
        name="deployment-proposal-apply",
    ),
    path(
        "deployment/rebalancing/<int:proposal_id>/reject/",
        views.proposal_decide,
        {"decision": "reject"},
        name="deployment-proposal-reject",
    ),
    path("deployment/stations/<int:post_id>/", views.station_page, name="deployment-station"),
    path("deployment/stations/<int:post_id>/rota/", views.station_rota, name="deployment-station-rota"),
    path("deployment/stations/<int:post_id>/assign/", views.station_assign, name="deployment-station-assign"),
    path(
        "deployment/stations/<int:post_id>/training/",
        views.station_training,
        name="deployment-station-training",
    ),
    path("deployment/stations/<int:post_id>/leave/", views.station_leave, name="deployment-station-leave"),
    path("deployment/rotas/<int:rota_id>/xlsx/", views.rota_export, name="deployment-rota-xlsx"),
    path("deployment/rotas/<int:rota_id>/publish/", views.rota_publish_view, name="deployment-rota-publish"),
    path("deployment/swaps/<int:swap_id>/decide/", views.swap_decide_view, name="deployment-swap-decide"),
    path("deployment/rota/", views.rota_home, name="deployment-rota"),
    path("deployment/shifts/<int:shift_id>/swap/", views.shift_swap, name="deployment-shift-swap"),
]
