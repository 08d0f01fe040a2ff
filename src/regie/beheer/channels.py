"""Contact channels in Beheer: add one to a municipality, a team or an organisation; change or
delete one (/beheer/contactgegevens/<id>). Each goes back to its owner's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from regie.accounts.administration import Administration
from regie.beheer.access import administered, administration, municipality_or_404
from regie.beheer.forms import ChannelForm
from regie.beheer.saving import attempt, tell
from regie.directory import services
from regie.directory.models import ContactChannel, Municipality, Organisation, Team


def owner_page(owner: Municipality | Team | Organisation) -> tuple[str, str]:
    """The owner's name and the Beheer page that lists its channels."""
    if isinstance(owner, Municipality):
        return owner.name, reverse("beheer:municipality", kwargs={"code": owner.code})
    if isinstance(owner, Team):
        url = reverse("beheer:team", kwargs={"code": owner.municipality.code, "slug": owner.slug})
        return f"{owner.name} ({owner.municipality.name})", url
    return owner.name, reverse("beheer:organisation", kwargs={"slug": owner.slug})


def _owner(channel: ContactChannel) -> Municipality | Team | Organisation:
    owner = channel.municipality or channel.team or channel.organisation
    assert owner is not None  # the table's check constraint: exactly one owner
    return owner


def _add(
    request: HttpRequest, admin: Administration, owner: Municipality | Team | Organisation
) -> HttpResponse:
    # A channel belongs to whatever its owner belongs to.
    administered(admin, owner)
    owner_name, back = owner_page(owner)
    form = ChannelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        saved = attempt(
            form,
            lambda: services.channel_add(
                owner=owner, by=admin, at=timezone.now(), **form.arguments()
            ),
        )
        if saved is not None:
            tell(request, saved, f"Het contactgegeven van {owner_name} is toegevoegd.")
            return redirect(back)
    context = {"nav": "beheer", "form": form, "owner_name": owner_name, "back": back}
    return render(request, "beheer/channel.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def municipality_channel_add(request: HttpRequest, code: str) -> HttpResponse:
    admin = administration(request)
    return _add(request, admin, municipality_or_404(admin, code))


@login_required
@require_http_methods(["GET", "POST"])
def team_channel_add(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    admin = administration(request)
    municipality = municipality_or_404(admin, code)
    team = Team.objects.filter(municipality=municipality, slug=slug).first()
    if team is None:
        raise Http404("Niet gevonden")
    return _add(request, admin, team)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_channel_add(request: HttpRequest, slug: str) -> HttpResponse:
    admin = administration(request)
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404("Niet gevonden")
    return _add(request, admin, organisation)


def _channel(admin: Administration, pk: int) -> ContactChannel:
    channel = (
        ContactChannel.objects.select_related("municipality", "team__municipality", "organisation")
        .filter(pk=pk)
        .first()
    )
    if channel is None:
        raise Http404("Niet gevonden")
    administered(admin, channel)
    return channel


@login_required
@require_http_methods(["GET", "POST"])
def channel_page(request: HttpRequest, pk: int) -> HttpResponse:
    admin = administration(request)
    channel = _channel(admin, pk)
    owner_name, back = owner_page(_owner(channel))
    form = ChannelForm(
        request.POST if request.method == "POST" else None,
        initial=ChannelForm.initial_for(channel),
    )
    if request.method == "POST":
        saved = attempt(
            form,
            lambda: services.channel_update(
                channel=channel, by=admin, at=timezone.now(), **form.arguments()
            ),
        )
        if saved is not None:
            tell(request, saved, f"Het contactgegeven van {owner_name} is opgeslagen.")
            return redirect(back)
    context = {
        "nav": "beheer",
        "form": form,
        "channel": channel,
        "owner_name": owner_name,
        "back": back,
    }
    return render(request, "beheer/channel.html", context)


@login_required
@require_POST
def channel_delete(request: HttpRequest, pk: int) -> HttpResponse:
    admin = administration(request)
    channel = _channel(admin, pk)
    owner_name, back = owner_page(_owner(channel))
    try:
        services.channel_delete(channel=channel, by=admin, at=timezone.now())
    except services.PermissionRefused as exc:
        raise Http404("Niet gevonden") from exc
    messages.success(
        request,
        f"Het contactgegeven van {owner_name} is verwijderd. In de wijzigingen staat wat er stond.",
    )
    return redirect(back)
