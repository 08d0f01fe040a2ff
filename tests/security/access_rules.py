"""Who may open which address: one rule per URL pattern, as data.

Keyed by the pattern's qualified URL name ("web:case"), which survives a reworded route and
is what templates use; a pattern without a name is keyed "route:<full route>" (see
`urlwalk.py`), so it needs a rule all the same. `test_authorization_matrix.py` fails on a
pattern without a rule and on a rule whose pattern is gone.

A rule says how to fill the pattern's arguments (`fill`, from `url_arguments.py`: an item
inside the principal's scope and items outside it) and, per principal, whether it may open:

- ALL: the inside item and the outside ones (a superuser; a public page);
- INSIDE: the inside item, never an outside one;
- NONE (the default for every principal not named): nothing; the answer is 401, 403, 404 or
  the login page, and nothing is written.

Without arguments there is no inside or outside: ALL and INSIDE both mean "may open".
POST-only endpoints are tried with an empty POST (`method="POST"`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from tests.security import url_arguments as fill
from tests.security.principals import PRINCIPALS
from tests.security.url_arguments import Filler


class Access(Enum):
    ALL = "mag alles"
    INSIDE = "alleen binnen"
    NONE = "nee"


ALL, INSIDE, NONE = Access.ALL, Access.INSIDE, Access.NONE
REASON_ASKED = "reden gevraagd"
EMPTY_BODY = "the scope gate; the action's own check needs a valid body"


@dataclass(frozen=True)
class Rule:
    fill: Filler
    may: Mapping[str, Access] = field(default_factory=dict)
    method: str = "GET"
    why: str = ""
    # What a case behind the glass (url_arguments.CASE_SIGHT) answers to a principal who may
    # open the rule's inside item: the question for a reason, or a refusal.
    glass: str = "geweigerd"

    def access(self, principal: str) -> Access:
        return self.may.get(principal, NONE)


def grant(access: Access, *groups: Iterable[str]) -> dict[str, Access]:
    return {name: access for group in groups for name in group}


EVERYONE = tuple(p.name for p in PRINCIPALS)
USERS = tuple(p.name for p in PRINCIPALS if p.logged_in)
CASE_STAFF = ("medewerker", "behandelaar", "behandelaar-wmo", "coordinator", "ombudsfunctionaris")
PORTAL = ("aanbieder", "aanbieder-gr")
LEARNERS = ("coordinator", "ombudsfunctionaris")  # learning.access; the beheerder sees all
FIGURES = ("management", "raad", "coordinator", "ombudsfunctionaris")  # the aggregate scope
API = ("api-gemeente", "api-organisatie")
ADMIN = ("beheerder",)

PUBLIC = grant(ALL, EVERYONE)
RESIDENT = grant(INSIDE, ["inwoner"])
# A case and what hangs on it (files, letters, dossier, actions): staff in sight of it; the
# beheerder is a superuser and sees every case. Never management, council or privacy officer.
CASE = {**grant(INSIDE, CASE_STAFF), **grant(ALL, ADMIN)}
LEARNING = {**grant(INSIDE, LEARNERS), **grant(ALL, ADMIN)}
ONE_MUNICIPALITY_ADMIN = {"coordinator": INSIDE, "beheerder": ALL}
REGION_ADMIN = {"beheerder": ALL}
PRIVACY_OFFICER = {"privacy": ALL, "beheerder": ALL}
OWN_PRIVACY = {"privacy": INSIDE, "beheerder": ALL}
FIGURES_OF_OWN = {**grant(INSIDE, FIGURES), **grant(ALL, ADMIN)}

RULES: dict[str, Rule] = {
    # --- The API (token authentication only; a browser session is no API client) --------
    "api:openapi": Rule(fill.nothing, PUBLIC, why="the published contract"),
    "api:cases": Rule(fill.nothing, grant(ALL, API), why="list and register: a client's own"),
    "api:case": Rule(fill.case, grant(INSIDE, API)),
    # Accepting has no body: the service's check answers, and only the organisation accepts.
    "api:case-acceptance": Rule(fill.case, {"api-organisatie": INSIDE}, method="POST"),
    # The other case-work endpoints, tried with an empty body: that tests the scope (a case
    # outside it is a 404 before the body is read). Which client may do which action is the
    # service's check on a valid body (tests/api): an empty body gets 400 from anyone in sight.
    "api:case-updates": Rule(fill.case, grant(INSIDE, API), method="POST", why=EMPTY_BODY),
    "api:case-conclusion": Rule(fill.case, grant(INSIDE, API), method="POST", why=EMPTY_BODY),
    "api:case-transitions": Rule(fill.case, grant(INSIDE, API), method="POST", why=EMPTY_BODY),
    "api:case-escalations": Rule(fill.case, grant(INSIDE, API), method="POST", why=EMPTY_BODY),
    "api:case-hearing-invitations": Rule(
        fill.case, grant(INSIDE, API), method="POST", why=EMPTY_BODY
    ),
    "api:case-hearings": Rule(fill.case, grant(INSIDE, API), method="POST", why=EMPTY_BODY),
    "api:case-hearing-waivers": Rule(fill.case, grant(INSIDE, API), method="POST", why=EMPTY_BODY),
    "api:intake": Rule(
        fill.queued_intake, {}, why="a queued intake is its own client's alone (tests/api)"
    ),
    "api:wegwijzer": Rule(fill.wegwijzer_question, PUBLIC),
    "api:not-found": Rule(fill.api_anything, {}, why="answers 404 to everyone by design"),
    # --- Public pages and the resident's status link --------------------------------------
    "intake:home": Rule(fill.nothing, PUBLIC),
    "intake:submit": Rule(fill.nothing, PUBLIC),
    "intake:about_options": Rule(fill.nothing, PUBLIC),
    "intake:receipt": Rule(fill.token, RESIDENT, why="the status link is the key"),
    "intake:status": Rule(fill.token, RESIDENT),
    "intake:status_letter": Rule(fill.token_letter, RESIDENT),
    "intake:add_information": Rule(fill.token, RESIDENT, method="POST"),
    "intake:withdraw": Rule(fill.token, RESIDENT),
    "intake:answer_follow_up": Rule(fill.token, RESIDENT, method="POST"),
    "wegwijzer:wegwijzer": Rule(fill.nothing, PUBLIC),
    "ui:accessibility": Rule(fill.nothing, PUBLIC),
    "reporting:opendata": Rule(fill.nothing, PUBLIC, why="completed years, suppressed"),
    "reporting:opendata_annual": Rule(fill.opendata_year, PUBLIC),
    # --- Logging in and out ---------------------------------------------------------------
    "web:login": Rule(fill.nothing, PUBLIC, why="logged in: sent on to the work"),
    "web:logout": Rule(fill.nothing, PUBLIC, method="POST"),
    # Only between password and code: everyone else is sent to the login page.
    "web:second_factor_verify": Rule(fill.nothing, {}),
    "web:second_factor_enrol": Rule(fill.nothing, grant(ALL, USERS)),
    "web:second_factor_codes": Rule(fill.nothing, grant(ALL, USERS)),
    # --- Staff pages ----------------------------------------------------------------------
    # Everyone logged in lands here: staff see their cases, providers are sent to the portal,
    # college and council to the figures; a person without a role sees an empty list.
    "web:worklist": Rule(fill.nothing, grant(ALL, USERS)),
    # "Mijn termijnen" per kind: one's own cases only; whoever handles none is sent to /werk.
    "web:my_terms_by_kind": Rule(fill.nothing, grant(ALL, USERS)),
    # Providers register here too: web.choices offers the municipalities they work for.
    "web:quick_capture": Rule(fill.nothing, grant(ALL, CASE_STAFF, PORTAL, ADMIN)),
    "web:scorecards": Rule(fill.nothing, grant(ALL, LEARNERS, ADMIN)),
    "web:scorecard": Rule(fill.scorecard, grant(INSIDE, LEARNERS, ADMIN)),
    "web:learning": Rule(fill.nothing, grant(ALL, LEARNERS, ADMIN)),
    "web:learning_samples": Rule(fill.municipality, LEARNING),
    "web:learning_sample": Rule(fill.sample, LEARNING),
    "web:learning_sample_item": Rule(fill.sample_item, LEARNING, method="POST"),
    "web:learning_recommendation_new": Rule(fill.municipality, LEARNING),
    "web:learning_recommendation": Rule(fill.recommendation, LEARNING),
    "web:learning_investigation_new": Rule(fill.municipality, LEARNING),
    "web:learning_investigation": Rule(fill.investigation, LEARNING),
    "web:learning_spike": Rule(fill.spike, LEARNING),
    "web:learning_topics": Rule(fill.municipality, LEARNING),
    "web:attachment": Rule(fill.attachment, CASE),
    "web:letter_pdf": Rule(fill.letter, CASE),
    # A provider's person is sent on to the portal's page of that reference, which decides.
    "web:case": Rule(fill.case, {**CASE, **grant(ALL, PORTAL)}, glass=REASON_ASKED),
    # The reason, then the case. Anyone with own work is sent to the case page, which decides
    # (so the answer says nothing about a case outside one's scope).
    "web:case_open_outside_own_work": Rule(
        fill.case, grant(ALL, CASE_STAFF, PORTAL, ADMIN), method="POST", glass=REASON_ASKED
    ),
    # The BSN in full, after an audit record; the case is in the complaints team's queue, so
    # outside the wmo-consulent's own work.
    "web:case_show_bsn": Rule(
        fill.case_with_bsn,
        {**CASE, "behandelaar-wmo": NONE},
        method="POST",
    ),
    "web:dossier_pdf": Rule(fill.case, CASE),
    "web:dossier_json": Rule(fill.case, CASE),
    "web:case_action": Rule(fill.case_note, CASE, method="POST"),
    # --- The privacy officer (of a municipality; the superuser for all) -------------------
    "web:privacy_audit": Rule(fill.nothing, PRIVACY_OFFICER),
    # Retention and legal holds: only references, never a resident's data.
    "web:privacy_retention": Rule(fill.nothing, PRIVACY_OFFICER),
    "web:privacy_requests": Rule(fill.nothing, PRIVACY_OFFICER),
    "web:privacy_request_new": Rule(fill.nothing, PRIVACY_OFFICER),
    "web:privacy_request": Rule(fill.privacy_request, OWN_PRIVACY),
    "web:privacy_request_json": Rule(fill.privacy_request, OWN_PRIVACY),
    "web:privacy_request_pdf": Rule(fill.privacy_request, OWN_PRIVACY),
    "web:privacy_request_step": Rule(fill.privacy_request_step, OWN_PRIVACY, method="POST"),
    # --- The provider and GR portal -------------------------------------------------------
    "providers:worklist": Rule(fill.nothing, grant(ALL, PORTAL)),
    "providers:own_complaint": Rule(fill.nothing, grant(ALL, PORTAL)),
    "providers:upload": Rule(fill.nothing, grant(ALL, PORTAL)),
    "providers:upload_example": Rule(fill.nothing, grant(ALL, PORTAL)),
    "providers:upload_batch": Rule(fill.batch, grant(INSIDE, PORTAL)),
    "providers:upload_progress": Rule(fill.batch, grant(INSIDE, PORTAL)),
    "providers:upload_write": Rule(fill.batch, grant(INSIDE, PORTAL), method="POST"),
    "providers:case": Rule(fill.case, grant(INSIDE, PORTAL)),
    "providers:case_action": Rule(fill.portal_case_progress, grant(INSIDE, PORTAL), method="POST"),
    # --- Beheer: the region's for the beheerder, a municipality's for its coordinator ------
    "beheer:overview": Rule(fill.nothing, {"coordinator": ALL, "beheerder": ALL}),
    "beheer:history": Rule(fill.nothing, {"coordinator": ALL, "beheerder": ALL}),
    "beheer:municipality": Rule(fill.beheer_municipality, ONE_MUNICIPALITY_ADMIN),
    "beheer:municipality_channel_add": Rule(fill.beheer_municipality, ONE_MUNICIPALITY_ADMIN),
    "beheer:teams": Rule(fill.beheer_municipality, ONE_MUNICIPALITY_ADMIN),
    "beheer:letters": Rule(fill.beheer_municipality, ONE_MUNICIPALITY_ADMIN),
    "beheer:letter": Rule(fill.beheer_letter, ONE_MUNICIPALITY_ADMIN),
    "beheer:letter_reset": Rule(fill.beheer_letter, ONE_MUNICIPALITY_ADMIN, method="POST"),
    "beheer:team": Rule(fill.beheer_team, ONE_MUNICIPALITY_ADMIN),
    "beheer:team_channel_add": Rule(fill.beheer_team, ONE_MUNICIPALITY_ADMIN),
    "beheer:responsibilities": Rule(fill.beheer_municipality, ONE_MUNICIPALITY_ADMIN),
    "beheer:responsibility_add": Rule(fill.beheer_municipality, ONE_MUNICIPALITY_ADMIN),
    "beheer:responsibility": Rule(fill.beheer_responsibility, ONE_MUNICIPALITY_ADMIN),
    "beheer:organisations": Rule(fill.nothing, REGION_ADMIN),
    "beheer:organisation": Rule(fill.organisation, REGION_ADMIN),
    "beheer:organisation_channel_add": Rule(fill.organisation, REGION_ADMIN),
    "beheer:channel": Rule(fill.channel, ONE_MUNICIPALITY_ADMIN),
    "beheer:channel_delete": Rule(fill.channel, ONE_MUNICIPALITY_ADMIN, method="POST"),
    "beheer:topics": Rule(fill.nothing, REGION_ADMIN),
    "beheer:topic_add": Rule(fill.nothing, REGION_ADMIN),
    "beheer:topic": Rule(fill.topic, REGION_ADMIN),
    "beheer:decree_days": Rule(fill.nothing, REGION_ADMIN),
    # --- Figures, reports and casuistry: counts for whoever may see the municipality's ------
    "reporting:dashboard": Rule(fill.nothing, grant(ALL, FIGURES, ADMIN)),
    "reporting:report_download": Rule(fill.report, FIGURES_OF_OWN),
    "reporting:report_runs": Rule(fill.municipality, FIGURES_OF_OWN),
    # A run is its requester's alone, the beheerder's too.
    "reporting:report_run": Rule(fill.report_run, grant(INSIDE, FIGURES, ADMIN)),
    "reporting:report_run_progress": Rule(fill.report_run, grant(INSIDE, FIGURES, ADMIN)),
    "reporting:report_run_download": Rule(fill.report_run, grant(INSIDE, FIGURES, ADMIN)),
    "reporting:casuistry": Rule(fill.municipality, FIGURES_OF_OWN),
    # One story to edit and approve; the council and the college read the released ones on
    # the list and in the PDF.
    "reporting:story": Rule(fill.story, LEARNING),
    "reporting:casuistry_pdf": Rule(fill.casuistry_pdf, FIGURES_OF_OWN),
}

# Answers that differ from the rules today: each is a finding for the lead engineer, not
# something the rules should bless. The matrix lets exactly these pass, and fails as soon as
# one is fixed, so this list only shrinks. (principal, address, item) -> what happens.
KNOWN_HOLES: dict[tuple[str, str, str], str] = {}
