"""The site's URLs plus one view that fails, for the error-notification tests."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def failing_view(request):
    raise RuntimeError("测试用的故障")


urlpatterns = [path("failing/", failing_view), *site_urlpatterns]
handler500 = "home.views.server_error"
