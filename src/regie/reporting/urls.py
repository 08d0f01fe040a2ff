from django.urls import path

from regie.reporting import casuistry_pages, dashboards, opendata, report_runs_pages
from regie.reporting import downloads as report_downloads

app_name = "reporting"

urlpatterns = [
    # "Cijfers": figures for the college, the council and coordinators (dashboards.py).
    path("bestuur", dashboards.dashboard, name="dashboard"),
    # The annual and quarterly reports in every format (downloads.py; `regie report`).
    path(
        "bestuur/<str:municipality>/verslag/<str:kind>-<str:period>.<str:fmt>",
        report_downloads.report_download,
        name="report_download",
    ),
    # The same reports made in the background, with their progress (report_runs_pages.py).
    path(
        "bestuur/<str:municipality>/verslagen",
        report_runs_pages.report_runs,
        name="report_runs",
    ),
    path(
        "bestuur/<str:municipality>/verslagen/<int:pk>",
        report_runs_pages.report_run,
        name="report_run",
    ),
    path(
        "bestuur/<str:municipality>/verslagen/<int:pk>/voortgang",
        report_runs_pages.report_run_progress,
        name="report_run_progress",
    ),
    path(
        "bestuur/<str:municipality>/verslagen/<int:pk>/download",
        report_runs_pages.report_run_download,
        name="report_run_download",
    ),
    # Open data: the annual report's figures of completed years, for anyone (opendata.py).
    path("open-data", opendata.index, name="opendata"),
    path(
        "open-data/<str:municipality>/klachten-<str:year>.csv",
        opendata.annual_csv,
        name="opendata_annual",
    ),
    # Casuistry for a closed council session (casuistry_pages.py).
    path("bestuur/<str:municipality>/casuistiek", casuistry_pages.casuistry, name="casuistry"),
    path("bestuur/<str:municipality>/casuistiek/<int:pk>", casuistry_pages.story, name="story"),
    path(
        "bestuur/<str:municipality>/casuistiek-<str:period>.pdf",
        casuistry_pages.casuistry_pdf,
        name="casuistry_pdf",
    ),
]
