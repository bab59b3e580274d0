from django.utils.cache import patch_cache_control


class PrivatePageMixin:
    """Internal pages must not be kept by a shared front cache or the browser's cache."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True, max_age=0)
        return response
