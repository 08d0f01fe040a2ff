from django.http import HttpRequest, HttpResponse


def home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Regie")


def submit(request: HttpRequest) -> HttpResponse:
    return HttpResponse("melden")


def receipt(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse(token)


def status(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse(token)
