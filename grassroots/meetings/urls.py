from django.urls import path

from . import views

urlpatterns = [
    path("meetings/", views.meeting_list_page, name="meeting-list"),
    path("meetings/new/", views.meeting_new, name="meeting-new"),
    path("meetings/new/orders/", views.meeting_orders, name="meeting-orders"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/tasks/", views.action_item_list, name="action-item-list"),
    path("meetings/tasks/<int:item_id>/done/", views.action_item_done, name="action-item-done"),
    path("decisions/", views.decision_list_page, name="decision-list"),
    path("decisions/new/", views.decision_new, name="decision-new"),
    path("decisions/<int:decision_id>/", views.decision_detail, name="decision-detail"),
]
