"""`regie migrate` and `regie serve`: prepare a database and run the production web server.

The server is gunicorn with several worker processes, each with a few threads (gthread).
The web tier keeps no state of its own: sessions live in the database and the cache in the
database or Redis (`REGIE_CACHE_URL`), so any number of these processes can stand behind a
load balancer.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any

from regie.envparse import ImproperEnvironment, env_int

# More workers than this buys nothing on one machine but memory and database connections;
# scale out with more machines behind the load balancer instead.
MAX_DEFAULT_WORKERS = 8


def default_workers() -> int:
    """REGIE_WEB_WORKERS, else gunicorn's rule of thumb (2 x CPUs + 1), capped."""
    cpus = os.cpu_count() or 1
    return _positive("REGIE_WEB_WORKERS", min(2 * cpus + 1, MAX_DEFAULT_WORKERS))


def default_threads() -> int:
    return _positive("REGIE_WEB_THREADS", 4)


def default_max_requests() -> int:
    """REGIE_WEB_MAX_REQUESTS, else 2000; 0 keeps every worker for good (the soak test does,
    so that a slow leak shows instead of being recycled away)."""
    value = env_int("REGIE_WEB_MAX_REQUESTS", 2000)
    if value < 0:
        raise ImproperEnvironment(f"REGIE_WEB_MAX_REQUESTS={value} mag niet negatief zijn")
    return value


def _positive(name: str, default: int) -> int:
    value = env_int(name, default)
    if value < 1:
        raise ImproperEnvironment(f"{name}={value} moet minstens 1 zijn")
    return value


def migrate() -> str:
    """Bring the database schema up to date and create the cache table. Safe to run again:
    both commands only do what is missing. Returns a one-line Dutch summary."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    call_command("migrate", interactive=False, verbosity=0)
    # The rate limits count in the database cache unless REGIE_CACHE_URL says otherwise;
    # createcachetable does nothing for other backends or when the table exists.
    call_command("createcachetable", verbosity=0)
    vendor = connection.vendor
    if pending:
        return f"Database ({vendor}) bijgewerkt: {pending} migraties uitgevoerd, cachetabel klaar."
    return f"Database ({vendor}) was al bijgewerkt; cachetabel klaar."


@dataclass(frozen=True)
class ServerOptions:
    host: str
    port: int
    workers: int
    threads: int


def _close_database_connections(_server: object, _worker: object) -> None:
    """A connection opened in the master (while loading the app) must not be shared by the
    forked workers: two processes on one socket corrupt each other's conversation."""
    from django.db import connections

    connections.close_all()


# A sentence that wakes every part of triage (rules, model, wegwijzer words).
_WARM_TEXT = "De thuiszorg komt niet en niemand belt terug; ik wil een klacht indienen."


def warm_up() -> dict[str, float]:
    """Load in the master, before the fork, what each worker would otherwise load on its
    first requests: every URL's view module, every template compiled, the triage model and
    the wegwijzer's index. A fresh worker then answers its first intake as fast as its
    hundredth, and the workers share these pages of memory instead of each growing its own
    copy. Returns the seconds each part took (for the start-up line and the tests).

    Nothing here may stop the server from starting: a database that is not there yet only
    leaves the wegwijzer's index to the first question."""
    import logging
    import time

    from django.db import connections

    took: dict[str, float] = {}

    def timed(name: str, work: Any) -> None:
        started = time.perf_counter()
        try:
            work()
        except Exception:
            logging.getLogger(__name__).warning("Opwarmen van %s mislukt", name, exc_info=True)
        took[name] = round(time.perf_counter() - started, 3)

    timed("urls", _warm_urls)
    timed("templates", _warm_templates)
    timed("triage", _warm_triage)
    timed("wegwijzer", _warm_wegwijzer)
    # The master keeps no connection: a forked worker must open its own.
    connections.close_all()
    return took


def _warm_urls() -> None:
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module


def _warm_templates() -> None:
    from pathlib import Path

    from django.template import engines
    from django.template.utils import get_app_template_dirs

    engine = engines["django"]
    for folder in get_app_template_dirs("templates"):
        for path in Path(folder).rglob("*.html"):
            # The cached loader keeps the compiled template for every later render.
            engine.get_template(path.relative_to(folder).as_posix())


def _warm_triage() -> None:
    from regie.triage import engine

    engine.suggest(_WARM_TEXT, wait=True)


def _warm_wegwijzer() -> None:
    from regie.cases.services.triage import with_topic
    from regie.triage import engine

    with_topic(engine.suggest(_WARM_TEXT, wait=True), _WARM_TEXT)


def _gunicorn_config(options: ServerOptions) -> dict[str, Any]:
    return {
        "bind": f"{options.host}:{options.port}",
        "workers": options.workers,
        "worker_class": "gthread",
        "threads": options.threads,
        # Load Django once in the master, so workers start fast and share its memory pages.
        "preload_app": True,
        "pre_fork": _close_database_connections,
        # A worker whose main loop is silent this long hangs and is restarted (with threads,
        # one slow request alone does not trip it).
        "timeout": 60,
        # On SIGTERM, requests in flight get this long to finish.
        "graceful_timeout": 20,
        "keepalive": 5,
        # Restart each worker now and then, so slow memory growth never builds up; the
        # jitter keeps the workers from all restarting at once.
        "max_requests": default_max_requests(),
        "max_requests_jitter": 200,
        # No access log: status links carry the resident's token in the URL (/status/<token>),
        # and the audit log records who saw which case. Errors still go to stderr.
        "accesslog": None,
        "errorlog": "-",
        "proc_name": "regie",
        # gunicorn 27's control socket sits at one fixed path in the home folder, so two
        # servers on one machine would fight over it; signals (TERM, HUP) are all we need.
        "control_socket_disable": True,
    }


def _application_class() -> type:
    from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

    class RegieServer(BaseApplication):
        def __init__(self, options: ServerOptions) -> None:
            self._config = _gunicorn_config(options)
            super().__init__()

        def load_config(self) -> None:
            for key, value in self._config.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from regie.wsgi import application

            took = warm_up()
            print(
                "Opgewarmd: "
                + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in took.items()),
                flush=True,
            )
            return application

    return RegieServer


def serve(options: ServerOptions) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    import django

    django.setup()
    from django.conf import settings

    if settings.DEBUG:
        print(
            "regie serve: let op, DEBUG staat aan; zet DEBUG=false in productie "
            "(anders ziet iedereen de foutdetails).",
            file=sys.stderr,
        )
    print(
        f"Regie draait op http://{options.host}:{options.port} "
        f"({options.workers} processen x {options.threads} threads)",
        flush=True,
    )
    _application_class()(options).run()
    return 0
