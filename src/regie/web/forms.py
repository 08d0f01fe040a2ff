"""Staff forms: worklist filters, assigning, notes and the login form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User

from regie.cases.models import Case
from regie.cases.selectors import WorklistFilter
from regie.directory.models import Team
from regie.vocabulary import Domain, Kind, Status
from regie.web import formkit
from regie.web.choices import display_name

QUEUES = [
    ("mine", "Mijn zaken"),
    ("team", "Teamwachtrij"),
    ("unassigned", "Niet toegewezen"),
    ("all", "Alles"),
]
STATUS_FILTERS = [
    ("open", "Open (nog niet afgehandeld)"),
    *((s.value, s.label) for s in Status),
    ("alle", "Alle statussen"),
]


class WorklistFilterForm(forms.Form):
    """GET parameters of /werk. A value that does not fit is ignored, never an error page."""

    wachtrij = forms.ChoiceField(choices=QUEUES, required=False)
    soort = forms.ChoiceField(
        label="Soort",
        choices=[("", "Alle soorten"), *Kind.choices],
        required=False,
        widget=formkit.select(),
    )
    domein = forms.ChoiceField(
        label="Domein",
        choices=[("", "Alle domeinen"), *Domain.choices],
        required=False,
        widget=formkit.select(),
    )
    status = forms.ChoiceField(
        label="Status", choices=STATUS_FILTERS, required=False, widget=formkit.select()
    )
    zoek = forms.CharField(
        label="Zoek op kenmerk of onderwerp",
        max_length=100,
        required=False,
        widget=formkit.text_input(type="search"),
    )

    @classmethod
    def showing(cls, flt: WorklistFilter) -> WorklistFilterForm:
        """An unbound form showing the filter in force: values that were ignored do not come
        back as error messages."""
        return cls(
            initial={
                "wachtrij": flt.queue,
                "soort": flt.kind,
                "domein": flt.domain,
                "status": flt.status or "alle",
                "zoek": flt.query,
            }
        )

    def value(self, name: str, default: str = "") -> str:
        if not self.is_valid() and name in self.errors:
            return default
        return str(self.cleaned_data.get(name) or default)

    def worklist_filter(self, default_queue: str) -> WorklistFilter:
        status = self.value("status", "open")
        return WorklistFilter(
            queue=self.value("wachtrij", default_queue),
            kind=self.value("soort"),
            domain=self.value("domein"),
            status="" if status == "alle" else status,
            query=self.value("zoek").strip(),
        )


class AssignForm(formkit.RegieForm):
    team = forms.ChoiceField(label="Team", required=False, widget=formkit.select())
    handler = forms.ChoiceField(label="Behandelaar", required=False, widget=formkit.select())

    def __init__(
        self,
        *args: Any,
        case: Case,
        teams: list[Team],
        handlers: list[User],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault(
            "initial",
            {"team": case.handling_team_id or "", "handler": case.handler_id or ""},
        )
        super().__init__(*args, **kwargs)
        self.case = case
        self._teams = {str(t.pk): t for t in teams}
        self._handlers = {str(u.pk): u for u in handlers}
        team_field = self.fields["team"]
        handler_field = self.fields["handler"]
        assert isinstance(team_field, forms.ChoiceField)
        assert isinstance(handler_field, forms.ChoiceField)
        # The service keeps what is not chosen, so the empty option means "leave as it is".
        team_field.choices = [
            ("", "Niet wijzigen" if case.handling_team_id else "Kies een team"),
            *((str(t.pk), t.name) for t in teams),
        ]
        handler_field.choices = [
            ("", "Niet wijzigen" if case.handler_id else "Kies een behandelaar"),
            *((str(u.pk), display_name(u)) for u in handlers),
        ]
        team_field.error_messages["invalid_choice"] = "Kies een team uit de lijst."
        handler_field.error_messages["invalid_choice"] = "Kies een behandelaar uit de lijst."

    def offers_handler(self, user_id: int) -> bool:
        return str(user_id) in self._handlers

    def clean_team(self) -> Team | None:
        value = self.cleaned_data.get("team") or ""
        return self._teams[value] if value else None

    def clean_handler(self) -> User | None:
        value = self.cleaned_data.get("handler") or ""
        return self._handlers[value] if value else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        team, handler = data.get("team"), data.get("handler")
        if self.errors:
            return data
        if team is None and handler is None:
            self.add_error("team", "Kies een team of een behandelaar.")
        elif (team is None or team.pk == self.case.handling_team_id) and (
            handler is None or handler.pk == self.case.handler_id
        ):
            # Recording an assignment that changes nothing would only clutter the timeline.
            self.add_error(
                "team", "Dit is al zo toegewezen. Kies een ander team of een andere behandelaar."
            )
        return data


class NoteForm(formkit.RegieForm):
    text = forms.CharField(
        label="Interne notitie",
        help_text="Alleen zichtbaar voor medewerkers. De inwoner ziet dit nooit.",
        max_length=10_000,
        widget=formkit.textarea(rows=4),
        error_messages={
            "required": "Schrijf eerst een notitie.",
            "max_length": "Een notitie mag hooguit 10.000 tekens hebben.",
        },
    )


class StaffLoginForm(AuthenticationForm):
    use_required_attribute = False  # see formkit.RegieForm

    error_messages = {
        "invalid_login": (
            "Deze gebruikersnaam en dit wachtwoord horen niet bij elkaar. Let op hoofdletters "
            "en kleine letters."
        ),
        "inactive": "Dit account is uitgezet. Neem contact op met uw beheerder.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"class": formkit.TEXTBOX, "autofocus": True})
        self.fields["password"].widget.attrs.update({"class": formkit.TEXTBOX})

    def error_summary(self) -> list[formkit.SummaryItem]:
        items = [formkit.SummaryItem("", str(m)) for m in self.non_field_errors()]
        for bound in self:
            items += [
                formkit.SummaryItem(formkit.field_anchor(bound), str(m)) for m in bound.errors
            ]
        return items
