"""Building blocks for the apps' admin screens, on Wagtail's own: a ViewSet whose menu item and
views are for the holders of a permission, and a ReportView that does the same."""

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet


def has_any_perm(user, permissions) -> bool:
    return bool(user.is_authenticated and user.is_active and any(user.has_perm(p) for p in permissions))


class PermissionRequiredMixin:
    """A class-based admin view for the holders of any of `permissions` ("app.codename")."""

    permissions: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not has_any_perm(request.user, self.permissions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PrivateListingMixin:
    """An admin listing of records: never kept by a browser or proxy (private, no-store), and a filter
    value that does not exist (a unit deleted since, an edited URL) is named in a message in Chinese
    while the list is shown without it, never an error."""

    invalid_filters_message = "筛选条件无效，已显示全部记录。"

    def get(self, request, *args, **kwargs):
        from django.contrib import messages
        from django.utils.cache import patch_cache_control

        if self.filters is not None and self.filters.is_bound and not self.filters.is_valid():
            messages.warning(request, self.invalid_filters_message)
        response = super().get(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True, max_age=0)
        return response


class PermissionReportView(PermissionRequiredMixin, PrivateListingMixin, ReportView):
    """A Wagtail report (filters, pagination, CSV/XLSX export) for the holders of a permission."""


class PermissionViewSet(ViewSet):
    """A group of admin URLs with one menu item, shown to the holders of any of `permissions`.
    Each view still checks for itself (a menu item is not a lock)."""

    permissions: tuple[str, ...] = ()

    def is_shown(self, request) -> bool:
        return has_any_perm(request.user, self.permissions)

    @cached_property
    def menu_item_class(self):
        viewset = self

        class PermissionMenuItem(MenuItem):
            def is_shown(self, request):
                return viewset.is_shown(request)

        return PermissionMenuItem


class ReportViewSet(PermissionViewSet):
    """One report screen: its view at the prefix and the results fragment Wagtail's filters reload
    (names "index" and "results"). Subclasses set `view_class` (a PermissionReportView)."""

    view_class = None

    def get_urlpatterns(self):
        from django.urls import path

        return [
            path("", self.view_class.as_view(), name="index"),
            path("results/", self.view_class.as_view(results_only=True), name="results"),
        ]
