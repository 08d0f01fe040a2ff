"""`regie demo`: migrate, seed, print how to get in, and serve with a real WSGI server."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from regie.demo.generator import PlantedFailure


def _ticker(stop: threading.Event, every_seconds: int = 60) -> None:
    """Periodic background work in-process, so the demo needs no Redis or Celery."""
    from django.db import close_old_connections

    from regie.tick import run_due_work

    while not stop.wait(every_seconds):
        try:
            run_due_work()
        except Exception as exc:  # the demo must keep serving whatever a tick hits
            print(f"achtergrondwerk mislukt: {exc}")
        finally:
            close_old_connections()


def _demo_token(var_dir: Path) -> str:
    """Reuse the demo token across restarts so a tester's scripts keep working."""
    from regie.accounts.models import ApiClient, hash_token
    from regie.accounts.tokens import api_client_create

    path = var_dir / "demo_api_token"
    if path.exists():
        raw = path.read_text().strip()
        if ApiClient.objects.filter(token_hash=hash_token(raw), revoked_at__isnull=True).exists():
            return raw
    _, raw = api_client_create(organisation="GM9901", name="Demo-koppeling Aa en Zee")
    path.write_text(raw)
    path.chmod(0o600)
    return raw


def run_demo(
    *, port: int, seed_cases: bool = True, plant_failure: PlantedFailure | None = None
) -> int:
    if "EMAIL_HOST" not in os.environ:
        os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    url = f"http://127.0.0.1:{port}"
    os.environ.setdefault("REGIE_BASE_URL", url)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from waitress import serve

    from regie.demo.replay import generate_demo_cases
    from regie.demo.world import DEMO_PASSWORD, USERS, build_world
    from regie.wsgi import application

    print("Regie-demo wordt klaargezet…", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    # The rate limits count in the database cache unless REGIE_CACHE_URL says otherwise.
    call_command("createcachetable", verbosity=0)
    build_world()
    if seed_cases:
        made = generate_demo_cases(plant_failure=plant_failure)
        if made:
            print(f"{made} voorbeeldzaken gemaakt.", flush=True)
    token = _demo_token(Path(settings.VAR_DIR))

    print()
    print(f"Regie draait op {url}")
    print(f"  Melden (inwoners):     {url}/melden")
    print(f"  Werkvoorraad (staf):   {url}/werk")
    print(f"  API:                   {url}/api/v1  (OpenAPI: {url}/api/v1/openapi.json)")
    print()
    print(f"Inloggen, wachtwoord voor iedereen: {DEMO_PASSWORD}")
    for user in USERS:
        print(f"  {user.username:<24} {user.role.label}")
    print()
    print(f"Demo-API-sleutel (GM9901): {token}")
    print(f"  curl -H 'Authorization: Token {token}' {url}/api/v1/cases/<kenmerk>")
    print(f"E-mail wordt bewaard in {settings.EMAIL_FILE_PATH}", flush=True)

    stop = threading.Event()
    threading.Thread(target=_ticker, args=(stop,), daemon=True).start()
    try:
        serve(application, host="127.0.0.1", port=port, threads=8, ident="Regie")
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return 0
