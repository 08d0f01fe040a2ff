"""Topics (/beheer/onderwerpen): what residents come with, in their words. The wegwijzer
matches a question against a topic's name and keywords."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from regie.beheer.access import administration, regional
from regie.beheer.forms import TopicForm
from regie.beheer.saving import attempt, tell
from regie.directory import services
from regie.directory.models import Topic


@login_required
@require_GET
def topic_list(request: HttpRequest) -> HttpResponse:
    regional(administration(request))
    context = {"nav": "beheer", "topics": Topic.objects.order_by("domain", "name")}
    return render(request, "beheer/topics.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def topic_add(request: HttpRequest) -> HttpResponse:
    admin = administration(request)
    regional(admin)
    form = TopicForm(request.POST if request.method == "POST" else None, adding=True)
    if request.method == "POST":
        saved = attempt(
            form, lambda: services.topic_add(by=admin, at=timezone.now(), **form.arguments())
        )
        if saved is not None:
            tell(request, saved, f"Het onderwerp {saved.obj.name} is toegevoegd.")
            return redirect("beheer:topics")
    return render(request, "beheer/topic.html", {"nav": "beheer", "form": form, "topic": None})


@login_required
@require_http_methods(["GET", "POST"])
def topic_page(request: HttpRequest, slug: str) -> HttpResponse:
    admin = administration(request)
    regional(admin)
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404("Niet gevonden")
    form = TopicForm(
        request.POST if request.method == "POST" else None,
        initial=TopicForm.initial_for(topic),
        adding=False,
    )
    if request.method == "POST":
        saved = attempt(
            form,
            lambda: services.topic_update(
                topic=topic, by=admin, at=timezone.now(), **form.arguments()
            ),
        )
        if saved is not None:
            tell(request, saved, f"Het onderwerp {saved.obj.name} is opgeslagen.")
            return redirect("beheer:topics")
    return render(request, "beheer/topic.html", {"nav": "beheer", "form": form, "topic": topic})
