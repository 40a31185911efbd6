from django.urls import path

from . import views

urlpatterns = [
    path("party/", views.stats, name="party-stats"),
    path("party/organisations/", views.organisations, name="party-organisations"),
    path("party/organisations/new/", views.organisation_found, name="party-organisation-found"),
    path("party/organisations/<int:organisation_id>/", views.organisation, name="party-organisation"),
    path(
        "party/organisations/<int:organisation_id>/dissolve/",
        views.organisation_dissolve,
        name="party-organisation-dissolve",
    ),
    path("party/organisations/<int:organisation_id>/members/new/", views.member_add, name="party-member-add"),
    path("party/members/<int:member_id>/", views.member, name="party-member"),
    path("party/organisations/<int:organisation_id>/teams/new/", views.team_create, name="party-team-create"),
    path(
        "party/organisations/<int:organisation_id>/responsibility-areas/",
        views.responsibility_areas,
        name="party-responsibility-areas",
    ),
    path(
        "party/organisations/<int:organisation_id>/demonstration-posts/",
        views.demonstration_posts,
        name="party-demonstration-posts",
    ),
    path(
        "party/organisations/<int:organisation_id>/activities/",
        views.activity_record,
        name="party-activity-record",
    ),
    path("party/posters/<int:area_id>/", views.poster, name="party-poster"),
    path("party/card/", views.my_card, name="party-my-card"),
    path("party/squads/", views.squads, name="party-squads"),
    path("party/squads/<int:squad_id>/", views.squad, name="party-squad"),
    path("party/cases/<int:squad_case_id>/close/", views.squad_case_close, name="party-case-close"),
    path("p/b/<str:poster>/", views.building_public, name="party-building-public"),
    path("p/c/<uuid:card>/", views.card_public, name="party-card-public"),
]
