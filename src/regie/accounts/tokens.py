"""Creating API tokens: used by `regie token create` and the demo."""

from __future__ import annotations

from regie.accounts.models import ApiClient, hash_token, new_raw_token
from regie.directory.models import Municipality, Organisation


class UnknownOrganisation(LookupError):
    pass


def api_client_create(*, organisation: str, name: str = "") -> tuple[ApiClient, str]:
    """Create a client for a municipality (CBS code like GM9901) or an organisation (slug).

    Returns the client and the raw token; the raw token is shown once and never stored.
    """
    raw = new_raw_token()
    client = ApiClient(token_hash=hash_token(raw), token_prefix=raw[:8])
    municipality = Municipality.objects.filter(code=organisation.upper()).first()
    if municipality is not None:
        client.municipality = municipality
        client.name = name or f"Koppeling {municipality.name}"
    else:
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise UnknownOrganisation(organisation)
        client.organisation = org
        client.name = name or f"Koppeling {org.name}"
    client.save()
    return client, raw
