"""RSS and Atom feeds for a column, so the county portal can syndicate it (feed/, feed/atom/)."""

from django.http import HttpResponse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from wagtail.contrib.routable_page.models import path

FEED_LENGTH = 20


class FeedMixin:
    """For a RoutablePageMixin page: implement feed_items() (live, public, newest first)."""

    def feed_items(self):
        raise NotImplementedError

    def feed_item_description(self, item) -> str:
        return getattr(item, "summary", "") or item.search_description or ""

    def feed_author(self) -> str:
        from home.models import SiteSettings

        identity = SiteSettings.for_site(self.get_site())
        return identity.sponsor or self.get_site().site_name

    def _feed(self, request, feed_class):
        feed = feed_class(
            title=f"{self.title} - {self.get_site().site_name}",
            link=self.get_full_url(request),
            description=strip_tags(getattr(self, "intro", "") or self.search_description or self.title),
            language=self.locale.language_code,
            feed_url=request.build_absolute_uri(),
            author_name=self.feed_author(),  # Atom requires an author (RFC 4287 4.1.1)
        )
        for item in self.feed_items()[:FEED_LENGTH]:
            feed.add_item(
                title=item.title,
                link=item.get_full_url(request),
                description=self.feed_item_description(item),
                pubdate=item.first_published_at,
                updateddate=item.last_published_at,
                unique_id=item.get_full_url(request),
            )
        response = HttpResponse(content_type=f"{feed.content_type}")
        feed.write(response, "utf-8")
        return response

    @path("feed/", name="feed")
    def rss_feed(self, request):
        return self._feed(request, Rss201rev2Feed)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        return self._feed(request, Atom1Feed)
