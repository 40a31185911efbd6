from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("grassroots.dashboard.urls")),
    path("", include("grassroots.core.urls")),
    path("", include("grassroots.people.urls")),
    path("", include("grassroots.residents.urls")),
    path("", include("grassroots.deployment.urls")),
    path("", include("grassroots.instructors.urls")),
    path("", include("grassroots.services.urls")),
    path("", include("grassroots.reporting.urls")),
    path("", include("grassroots.meetings.urls")),
    path("", include("grassroots.party.urls")),
    path("", include("grassroots.evaluation.urls")),
]
