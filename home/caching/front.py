"""nginx's front cache (deploy/nginx/fjld.conf), purged through Wagtail's frontend_cache when
FRONT_CACHE_PURGE_URL is set. Wagtail purges the published page itself; a page also shows in its
column's list, the home page, the feeds, the site maps and the pages linked with it, so those are
purged with it (invalidation.py connects this). Changes to taxonomies or settings reach nginx's
copies when they expire (PAGE_CACHE_SECONDS)."""

FEEDS = ("feed/", "feed/atom/")


def linked_pages(page):
    """The pages `page` links to and the pages that link to it (Wagtail's reference index)."""
    from wagtail.models import Page, ReferenceIndex

    page_type = ReferenceIndex._get_base_content_type(Page)
    ids = {
        int(object_id)
        for content_type_id, object_id, *_rest in ReferenceIndex._extract_references_from_object(page)
        if content_type_id == page_type.pk
    }
    ids |= {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(page)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    return Page.objects.filter(pk__in=ids)


def related_urls(page) -> list[str]:
    """Full URLs of what shows this page besides itself: each ancestor below the root (its
    listings, the home page), their feeds, the XML and HTML site maps, and the pages it links to or
    that link to it (a case lists the campaigns citing it)."""
    urls = [url for url in (linked.get_full_url() for linked in linked_pages(page).specific()) if url]
    site_root = None
    for ancestor in page.get_ancestors().filter(depth__gte=2).specific():
        url = ancestor.get_full_url()
        if not url:
            continue
        urls.append(url)
        if ancestor.depth == 2:
            site_root = url
        elif hasattr(ancestor, "feed_items"):
            urls += [url + feed for feed in FEEDS]
    if site_root:
        urls += [site_root + "sitemap.xml", site_root + "sitemap/"]
    return urls


def purge_related(instance, **kwargs) -> None:
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    urls = related_urls(instance)
    if urls:
        purge_urls_from_cache(urls)
