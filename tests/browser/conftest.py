"""Playwright (sync API) against pytest-django's live server, with Debian's Chromium.

CI must never silently skip these: with CI=true a missing browser fails the run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: apt-get install -y chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def page(live_server: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A fresh browser page. Playwright's sync API keeps an asyncio loop running in this
    thread, which trips Django's async-safety check on ORM calls in the test itself; the
    override lasts only as long as the browser does."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="nl-NL")
        context.set_default_timeout(10_000)
        tab = context.new_page()
        # Our CSP has no 'unsafe-inline': any inline script or style shows up here.
        tab.csp_violations = []
        tab.on(
            "console",
            lambda msg: (
                tab.csp_violations.append(msg.text)
                if "Content Security Policy" in msg.text
                else None
            ),
        )
        try:
            yield tab
        finally:
            context.close()
            browser.close()
            # While Playwright runs, Django hands this test its own connection (connections
            # are context-local); close it, or PostgreSQL refuses to drop the test database.
            connections.close_all()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the current page. The script goes in through page.evaluate, which runs
    via DevTools and so is not blocked by the page's Content Security Policy."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        source = (Path(settings.BASE_DIR) / "node_modules/axe-core/axe.min.js").read_text()
        page.evaluate(source)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


def assert_accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe-core on {page.url}:\n{describe(violations)}"
    assert page.csp_violations == [], f"CSP violations on {page.url}: {page.csp_violations}"


def log_in(page: Any, username: str) -> None:
    """Log in as a demo user through the login form, and wait until the landing page (the
    worklist, the portal, or the figures for the college and the council) has loaded."""
    from regie.demo.world import DEMO_PASSWORD

    page.context.clear_cookies()
    page.goto("/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/inloggen" not in url)
