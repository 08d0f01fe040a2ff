"""Addresses and readings shared by the Beheer tests."""

from __future__ import annotations

from typing import Any

from regie.directory.models import (
    ContactChannel,
    DirectoryChange,
    Municipality,
    Organisation,
    Responsibility,
    Team,
    Topic,
)


def municipality_pages(code: str) -> list[str]:
    """Every page about one municipality, as demo data has it."""
    municipality = Municipality.objects.get(code=code)
    channel = ContactChannel.objects.filter(municipality=municipality).first()
    team_channel = ContactChannel.objects.filter(team__municipality=municipality).first()
    responsibility = Responsibility.objects.filter(municipality=municipality).first()
    assert channel is not None
    assert team_channel is not None
    assert responsibility is not None
    base = f"/beheer/gemeenten/{code}"
    return [
        base,
        f"{base}/contactgegevens/nieuw",
        f"{base}/teams",
        f"{base}/teams/wmo",
        f"{base}/teams/wmo/contactgegevens/nieuw",
        f"{base}/verantwoordelijkheden",
        f"{base}/verantwoordelijkheden/nieuw",
        f"{base}/verantwoordelijkheden/{responsibility.pk}",
        f"/beheer/contactgegevens/{channel.pk}",
        f"/beheer/contactgegevens/{team_channel.pk}",
    ]


def regional_pages() -> list[str]:
    channel = ContactChannel.objects.filter(organisation__slug="het-anker").first()
    assert channel
    return [
        "/beheer/organisaties",
        "/beheer/organisaties/het-anker",
        "/beheer/organisaties/het-anker/contactgegevens/nieuw",
        f"/beheer/contactgegevens/{channel.pk}",
        "/beheer/onderwerpen",
        "/beheer/onderwerpen/nieuw",
        "/beheer/onderwerpen/pgb",
        "/beheer/feestdagen",
    ]


def directory_state() -> list[Any]:
    """Everything Beheer could change, to show that a refused post changed nothing."""
    return [
        list(Municipality.objects.order_by("pk").values()),
        list(Team.objects.order_by("pk").values()),
        list(Organisation.objects.order_by("pk").values()),
        list(ContactChannel.objects.order_by("pk").values()),
        list(Topic.objects.order_by("pk").values()),
        list(Responsibility.objects.order_by("pk").values()),
        sorted(Responsibility.support.through.objects.values_list("pk", flat=True)),
        DirectoryChange.objects.count(),
    ]
