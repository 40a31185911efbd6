from django.contrib.auth import views as auth_views
from django.urls import path

from . import views, views_notify

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("areas/", views.area_top, name="area-top"),
    path("areas/<int:area_id>/", views.area_detail, name="area-detail"),
    path("audit/", views.audit_log, name="audit-log"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.inbox_read, name="inbox-read"),
    path("deliveries/", views_notify.delivery_list, name="notification-deliveries"),
    path(
        "deliveries/<int:delivery_id>/retry/", views_notify.delivery_retry, name="notification-delivery-retry"
    ),
]
