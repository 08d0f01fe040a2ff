"""Creating and revoking API tokens: used by `regie token` and the demo."""

from __future__ import annotations

from django.utils import timezone

from regie.accounts.models import ApiClient, hash_token, new_raw_token
from regie.directory.models import Municipality, Organisation

# What `regie token create` shows of a token besides the token itself, and what an operator
# who no longer has the token may revoke it by.
PREFIX_LENGTH = 8


class UnknownOrganisation(LookupError):
    pass


def api_client_create(*, organisation: str, name: str = "") -> tuple[ApiClient, str]:
    """Create a client for a municipality (CBS code like GM9901) or an organisation (slug).

    Returns the client and the raw token; the raw token is shown once and never stored.
    """
    raw = new_raw_token()
    client = ApiClient(token_hash=hash_token(raw), token_prefix=raw[:PREFIX_LENGTH])
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


class TokenNotFound(LookupError):
    """No active token matches, or a prefix matches more than one."""


def api_client_revoke(token_or_prefix: str) -> ApiClient:
    """Revoke the client with this raw token, or with this 8-character prefix when exactly
    one active token has it. Refused from the API's very next request (the API keeps its
    clients with the directory's generation, which this write moves on). Revoking is final:
    a partner system gets a new token with `regie token create`."""
    value = token_or_prefix.strip()
    active = ApiClient.objects.filter(revoked_at__isnull=True)
    if len(value) == PREFIX_LENGTH:
        matches = list(active.filter(token_prefix=value)[:2])
    else:
        matches = list(active.filter(token_hash=hash_token(value)))
    if len(matches) != 1:
        raise TokenNotFound(value[:PREFIX_LENGTH])
    client = matches[0]
    client.revoked_at = timezone.now()
    client.save(update_fields=["revoked_at"])
    return client
