"""Who knocks: every kind of caller Regie knows, each as a demo user, an API client, a
resident holding a status link, or nobody at all. One principal per role of
`regie.vocabulary.Role`, plus the variants whose scope differs in a way the rules must show
(a provider and a GR; a handler of the whole municipality and one of a single domain)."""

from __future__ import annotations

from dataclasses import dataclass

from regie.vocabulary import Role


@dataclass(frozen=True)
class Principal:
    name: str
    username: str = ""  # a demo user (src/regie/demo/world.py), logged in for the requests
    api_client: str = ""  # a municipality code or organisation slug: a token of the API
    organisation: str = ""  # the provider or GR a portal user or API client works for
    holds_token: bool = False  # the resident, holding their case's status link
    role: Role | None = None

    @property
    def logged_in(self) -> bool:
        return bool(self.username)


# A logged-in person without any membership: `login` makes them in the test.
NO_ROLE_USER = "zonder-rol"

PRINCIPALS: tuple[Principal, ...] = (
    Principal("anoniem"),
    Principal("inwoner", holds_token=True),
    Principal("ingelogd", username=NO_ROLE_USER),
    Principal("medewerker", username="kcc", role=Role.MEDEWERKER),
    Principal("behandelaar", username="behandelaar", role=Role.BEHANDELAAR),
    Principal("behandelaar-wmo", username="wmo-consulent", role=Role.BEHANDELAAR),
    Principal("coordinator", username="coordinator", role=Role.COORDINATOR),
    Principal("ombudsfunctionaris", username="ombudsfunctionaris", role=Role.OMBUDSFUNCTIONARIS),
    Principal("aanbieder", username="anker", organisation="het-anker", role=Role.AANBIEDER),
    Principal(
        "aanbieder-gr",
        username="sociale-dienst",
        organisation="sociale-dienst",
        role=Role.AANBIEDER,
    ),
    Principal("management", username="wethouder", role=Role.MANAGEMENT),
    Principal("raad", username="raadslid", role=Role.RAAD),
    Principal("privacy", username="privacy", role=Role.PRIVACY),
    Principal("beheerder", username="beheer", role=Role.BEHEERDER),
    Principal("api-gemeente", api_client="GM9901"),
    Principal("api-organisatie", api_client="het-anker", organisation="het-anker"),
)
BY_NAME = {p.name: p for p in PRINCIPALS}
