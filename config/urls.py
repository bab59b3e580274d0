from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve as serve_static_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.operations import views as operations_views
from home.registries import app_modules
from home.search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("health/", operations_views.health, name="health"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("preferences/", home_views.set_display_preferences, name="display_preferences"),
]

if settings.SERVE_MEDIA:
    # Only images are public files. Documents leave through Wagtail's serve view, which checks the
    # collection's restriction (STACK-NOTES); internal photos and attachments are not under MEDIA_ROOT.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:images|original_images)/.*)$",
            serve_static_file,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

# Each app's public_urls.py (e.g. a release's data.csv), before Wagtail's page catch-all.
APP_URLS = [pattern for module in app_modules("public_urls") for pattern in module.urlpatterns]

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("sitemap/", home_views.html_sitemap, name="html_sitemap"),
    *APP_URLS,
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
handler500 = "home.views.server_error"
