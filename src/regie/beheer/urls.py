"""Beheer's addresses, all under /beheer and all behind a login."""

from django.urls import path

from regie.beheer import (
    channels,
    decree_days,
    history,
    letters,
    municipality,
    organisations,
    overview,
    responsibilities,
    teams,
    topics,
)

app_name = "beheer"

MUNICIPALITY = "beheer/gemeenten/<str:code>"

urlpatterns = [
    path("beheer", overview.overview, name="overview"),
    path("beheer/wijzigingen", history.history, name="history"),
    path(MUNICIPALITY, municipality.municipality_page, name="municipality"),
    path(
        f"{MUNICIPALITY}/contactgegevens/nieuw",
        channels.municipality_channel_add,
        name="municipality_channel_add",
    ),
    path(f"{MUNICIPALITY}/teams", teams.team_list, name="teams"),
    path(f"{MUNICIPALITY}/brieven", letters.letter_list, name="letters"),
    path(f"{MUNICIPALITY}/brieven/<slug:kind>", letters.letter_page, name="letter"),
    path(
        f"{MUNICIPALITY}/brieven/<slug:kind>/standaardtekst",
        letters.letter_reset,
        name="letter_reset",
    ),
    path(f"{MUNICIPALITY}/teams/<slug:slug>", teams.team_page, name="team"),
    path(
        f"{MUNICIPALITY}/teams/<slug:slug>/contactgegevens/nieuw",
        channels.team_channel_add,
        name="team_channel_add",
    ),
    path(
        f"{MUNICIPALITY}/verantwoordelijkheden",
        responsibilities.responsibility_list,
        name="responsibilities",
    ),
    path(
        f"{MUNICIPALITY}/verantwoordelijkheden/nieuw",
        responsibilities.responsibility_add,
        name="responsibility_add",
    ),
    path(
        f"{MUNICIPALITY}/verantwoordelijkheden/<int:pk>",
        responsibilities.responsibility_page,
        name="responsibility",
    ),
    path("beheer/organisaties", organisations.organisation_list, name="organisations"),
    path("beheer/organisaties/<slug:slug>", organisations.organisation_page, name="organisation"),
    path(
        "beheer/organisaties/<slug:slug>/contactgegevens/nieuw",
        channels.organisation_channel_add,
        name="organisation_channel_add",
    ),
    path("beheer/contactgegevens/<int:pk>", channels.channel_page, name="channel"),
    path(
        "beheer/contactgegevens/<int:pk>/verwijderen",
        channels.channel_delete,
        name="channel_delete",
    ),
    path("beheer/onderwerpen", topics.topic_list, name="topics"),
    path("beheer/onderwerpen/nieuw", topics.topic_add, name="topic_add"),
    path("beheer/onderwerpen/<slug:slug>", topics.topic_page, name="topic"),
    path("beheer/feestdagen", decree_days.decree_days, name="decree_days"),
]
