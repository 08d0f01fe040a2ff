from django.urls import path

from regie.reporting import dashboards
from regie.reporting import downloads as report_downloads

app_name = "reporting"

urlpatterns: list = [
    path("bestuur", dashboards.dashboard, name="dashboard"),
    path(
        "bestuur/<str:municipality>/verslag/<str:kind>-<str:period>.<str:fmt>",
        report_downloads.report_download,
        name="report_download",
    ),
]

# Casuistry for a closed council session (reporting/casuistry_pages.py).
from regie.reporting import casuistry_pages  # noqa: E402

urlpatterns += [
    path("bestuur/<str:municipality>/casuistiek", casuistry_pages.casuistry, name="casuistry"),
    path("bestuur/<str:municipality>/casuistiek/<int:pk>", casuistry_pages.story, name="story"),
    path(
        "bestuur/<str:municipality>/casuistiek-<str:period>.pdf",
        casuistry_pages.casuistry_pdf,
        name="casuistry_pdf",
    ),
]
