from django.urls import path

from . import public_views, stock_views, task_views, views

urlpatterns = [
    path("services/", views.board, name="services-board"),
    path("services/requests/", views.request_index, name="services-requests"),
    path("services/requests/new/", views.request_new, name="services-request-new"),
    path("services/requests/<int:request_id>/", views.request_detail, name="services-request"),
    path("services/green/plans/", views.plan_index, name="services-plans"),
    path("services/green/plans/<int:plan_id>/file/", views.plan_file, name="services-plan-file"),
    path("services/tasks/", task_views.task_board, name="services-tasks"),
    path("services/tasks/new/", task_views.task_new, name="services-task-new"),
    path("services/tasks/<int:task_id>/", task_views.task_detail, name="services-task"),
    path("services/tasks/<int:task_id>/claim/", task_views.task_claim_view, name="services-task-claim"),
    path("services/leaderboard/", task_views.leaderboard, name="services-leaderboard"),
    path("services/deliveries/", task_views.round_index, name="services-rounds"),
    path("services/deliveries/<int:round_id>/", task_views.round_detail, name="services-round"),
    path("services/deliveries/stops/<int:stop_id>/", task_views.stop_mark, name="services-stop"),
    path("services/stock/", stock_views.stock_index, name="services-stock"),
    path("services/stock/<int:stock_item_id>/", stock_views.stock_item, name="services-stock-item"),
    path("services/posters/<int:area_id>/", public_views.posters, name="services-posters"),
    path("services/posters/<int:area_id>/qr.png", public_views.poster_png, name="services-poster-png"),
    path("r/status/", public_views.public_status, name="public-status"),
    path("r/<str:token>/", public_views.public_request, name="public-request"),
]
