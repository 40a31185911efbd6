from django.urls import path

from . import views, views_care, views_edit, views_io

urlpatterns = [
    path("ledger/", views.ledger, name="ledger"),
    path("ledger/areas/<int:area_id>/", views.building, name="ledger-building"),
    path("ledger/areas/<int:area_id>/households/new/", views_edit.household_new, name="ledger-household-new"),
    path("ledger/households/<int:household_id>/", views.household, name="ledger-household"),
    path(
        "ledger/households/<int:household_id>/edit/", views_edit.household_edit, name="ledger-household-edit"
    ),
    path(
        "ledger/households/<int:household_id>/residents/new/",
        views_edit.resident_new,
        name="ledger-resident-new",
    ),
    path("ledger/residents/<int:resident_id>/", views_edit.resident, name="ledger-resident"),
    path(
        "ledger/residents/<int:resident_id>/leave/",
        views_edit.resident_leave_page,
        name="ledger-resident-leave",
    ),
    path(
        "ledger/residents/<int:resident_id>/return/",
        views_edit.resident_return_page,
        name="ledger-resident-return",
    ),
    path("ledger/residents/<int:resident_id>/unmask/", views.resident_unmask_page, name="ledger-unmask"),
    path("ledger/visits/", views.visit_submit, name="ledger-visit"),
    path("ledger/imports/", views_io.import_page, name="ledger-import"),
    path("ledger/imports/<uuid:import_id>/", views_io.import_job, name="ledger-import-job"),
    path("ledger/imports/<uuid:import_id>/confirm/", views_io.import_confirm, name="ledger-import-confirm"),
    path("ledger/imports/<uuid:import_id>/absent/", views_io.import_absent, name="ledger-import-absent"),
    path("ledger/imports/<uuid:import_id>/report/", views_io.import_report, name="ledger-import-report"),
    path("ledger/export/", views_io.export_download, name="ledger-export"),
    path("ledger/care/", views_care.care, name="ledger-care"),
    path("ledger/care/assign/", views_care.care_apply, name="ledger-care-assign"),
    path("ledger/care/pairs/<int:pair_id>/contact/", views_care.care_contact, name="ledger-care-contact"),
    path("ledger/care-tags/", views_care.care_tags_page, name="ledger-care-tags"),
    path("ledger/campaigns/", views_care.campaigns, name="ledger-campaigns"),
    path("ledger/campaigns/new/", views_care.campaign_new, name="ledger-campaign-new"),
    path("ledger/campaigns/<int:campaign_id>/", views_care.campaign, name="ledger-campaign"),
    path("ledger/campaigns/<int:campaign_id>/edit/", views_care.campaign_edit, name="ledger-campaign-edit"),
]
