from django.urls import path

from . import views, views_orders

urlpatterns = [
    path("reports/", views.report_list_page, name="report-list"),
    path("reports/new/", views.report_new, name="report-new"),
    path("reports/missed/new/", views.report_missed_new, name="report-missed-new"),
    path("reports/timeliness/", views.timeliness_page, name="report-timeliness"),
    path("reports/findings/", views.finding_list_page, name="finding-list"),
    path("reports/findings/<int:finding_id>/review/", views.finding_review, name="finding-review"),
    path("reports/<int:report_id>/", views.report_detail, name="report-detail"),
    path("reports/<int:report_id>/act/", views.report_act, name="report-act"),
    path("orders/", views_orders.order_list_page, name="order-list"),
    path("orders/new/", views_orders.order_new, name="order-new"),
    path("orders/<int:order_id>/", views_orders.order_detail, name="order-detail"),
    path("orders/<int:order_id>/receipts/", views_orders.order_receipts_partial, name="order-receipts"),
    path("orders/<int:order_id>/act/", views_orders.order_act, name="order-act"),
    path(
        "orders/<int:order_id>/attachments/<int:attachment_id>/",
        views_orders.order_attachment,
        name="order-attachment",
    ),
]
