"""Afhandelen: close a case with its outcome, informal resolution first
(`services.case_conclude`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from regie.cases import services
from regie.cases.models import Case
from regie.ui.case_actions import ActionRequest, CaseAction
from regie.ui.case_forms import ConcludeForm, outcome_label


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> ConcludeForm:
    return ConcludeForm(data, kind=req.case.kind)


def _execute(req: ActionRequest, data: dict[str, Any]) -> Case:
    return services.case_conclude(
        case=req.case,
        scope=req.scope,
        outcome=data["outcome"],
        summary=data["conclusion"],
        at=req.now,
    )


ACTION = CaseAction(
    slug="afhandelen",
    template="web/actions/conclude.html",
    form=_form,
    check=services.case_conclude_check,
    execute=_execute,
    done=lambda req, closed: (
        f"{closed.reference} is afgehandeld. Uitkomst: {outcome_label(closed.outcome)}."
    ),
)
