from django.http import HttpRequest, HttpResponse


def worklist(request: HttpRequest) -> HttpResponse:
    return HttpResponse("werk")
