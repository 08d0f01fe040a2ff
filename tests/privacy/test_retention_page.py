"""/privacy/bewaartermijnen: the privacy officer sees what has expired and sets or lifts a
legal hold by reference; everyone else gets 404."""

from __future__ import annotations

from typing import Any

import pytest

from regie.cases.models import Case
from regie.privacy.models import AccessLog
from tests.privacy.worlds import concluded, intake

pytestmark = pytest.mark.django_db

URL = "/privacy/bewaartermijnen"


def test_only_the_privacy_officer_and_a_superuser_open_it(login: Any) -> None:
    for username in ("behandelaar", "coordinator", "wethouder"):
        assert login(username).get(URL).status_code == 404
    assert login("beheer").get(URL).status_code == 200
    page = login("privacy").get(URL)
    assert page.status_code == 200
    assert "Bewaartermijnen" in page.content.decode()


def test_a_hold_is_set_and_lifted_by_reference_with_a_reason(login: Any) -> None:
    case = concluded(intake())
    client = login("privacy")

    refused = client.post(URL, {"kenmerk": case.reference, "actie": "blokkeren", "reden": ""})
    assert refused.status_code == 400
    assert "Schrijf op waarom." in refused.content.decode()
    unknown = client.post(URL, {"kenmerk": "KL-1999-000001", "actie": "blokkeren", "reden": "x"})
    assert "Er is geen zaak met dit kenmerk in uw gemeente." in unknown.content.decode()

    done = client.post(
        URL, {"kenmerk": case.reference.lower(), "actie": "blokkeren", "reden": "Rechtszaak."}
    )
    assert done.status_code == 302
    assert Case.objects.get(pk=case.pk).legal_hold
    page = client.get(URL).content.decode()
    assert case.reference in page
    assert "Rechtszaak." in page

    again = client.post(URL, {"kenmerk": case.reference, "actie": "blokkeren", "reden": "Nog."})
    assert "al geblokkeerd" in again.content.decode()
    client.post(URL, {"kenmerk": case.reference, "actie": "opheffen", "reden": "Klaar."})
    assert not Case.objects.get(pk=case.pk).legal_hold
    changed = AccessLog.objects.filter(case=case, action="gewijzigd")
    assert changed.filter(purpose__startswith="Bewaartermijn").count() == 2
