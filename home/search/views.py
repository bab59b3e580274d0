"""站内搜索: the public search page (Chinese words found inside sentences, synonyms, suggestions)."""

import hashlib
from collections.abc import Sequence

from django.conf import settings
from django.db import connection
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from home.caching.generation import kept
from home.listings.paging import paginate
from home.search import terms as search_terms
from home.search.segmentation import clean_query
from home.search.terms import search_query
from home.security import ratelimit

SEARCH_MAX_LENGTH = 60
SEARCH_PER_PAGE = 10
RELEVANCE_LIMIT = 500


def search(request):
    """站内搜索: every public page in the reader's language, Chinese words found inside sentences,
    optionally within one column (?section=cases)."""
    from home.search.highlight import mark, snippet

    query = request.GET.get("q", "").strip()
    columns = _search_columns(request)
    section = request.GET.get("section", "").strip()
    context = {"query": query, "max_length": SEARCH_MAX_LENGTH, "search_page": True, "columns": columns}
    messages = []
    if section and section not in columns:
        messages.append(_("没有“%(section)s”这个栏目，已在全部栏目中搜索。") % {"section": section[:20]})
        section = ""
    context["section"] = section
    status = 200
    if query and ratelimit.limited(request, "search", *settings.SEARCH_RATE_LIMIT):
        context["query"] = query[:SEARCH_MAX_LENGTH]
        messages.append(_("您搜索得太频繁了，请稍等一分钟再试。"))
        status = 429
    elif not clean_query(query):
        if "q" in request.GET:
            messages.append(_("请输入要查找的词语，例如“电信网络诈骗”“未成年人保护”。"))
        context["query"] = query[:SEARCH_MAX_LENGTH]
    elif len(query) > SEARCH_MAX_LENGTH:
        messages.append(
            _("搜索词过长（%(length)s字），请控制在%(limit)s字以内。")
            % {"length": len(query), "limit": SEARCH_MAX_LENGTH}
        )
        context["query"] = query[:SEARCH_MAX_LENGTH]
        status = 400
    else:
        pages = Page.objects.live().filter(locale=Locale.get_active()).public()
        if section:
            column_path = columns[section]["path"]
            pages = pages.filter(path__startswith=column_path).exclude(path=column_path)
        key = _search_key(query, section)
        hits = kept(request, key, lambda: _count_hits(pages, query))
        results = KeptResults(request, key, _ranked_search(pages, query, hits), hits)
        listing = paginate(request, results, SEARCH_PER_PAGE, count=hits)
        context["listing"] = listing
        if listing.page.paginator.count:
            search_terms.record(query)
        else:  # nothing found: other words to try, and what others found things with
            context["related_terms"] = search_terms.related_terms(query)
            context["popular_terms"] = search_terms.popular(exclude=clean_query(query))
        context["results"] = [
            {
                "page": page,
                "title": mark(page.title, query),
                "snippet": snippet(page.search_text() if hasattr(page, "search_text") else "", query),
                "column": _column_title(page, columns),
            }
            for page in listing.items
        ]
    context["messages_list"] = messages
    response = render(request, "search/search.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _search_key(query: str, section: str) -> str:
    """How many pages a search found is kept under the site's generation (home/caching/): a word
    many readers search for is counted once until the next change."""
    return "search:" + hashlib.sha256(f"{query}\n{section}\n{get_language()}".encode()).hexdigest()


class KeptResults(Sequence):
    """A search's results as the paginator reads them: the ids on the page asked for are kept with its
    count (generation.kept), so a repeated search fetches ten pages by id instead of searching."""

    def __init__(self, request, key: str, ranked, hits: int):
        self.request, self.key, self.ranked, self.hits = request, key, ranked, hits

    def __len__(self):
        return self.hits

    def __getitem__(self, window):
        if not isinstance(window, slice):
            return self[window : window + 1][0]
        ids = kept(
            self.request,
            f"{self.key}:{window.start}:{window.stop}",
            lambda: [p.pk for p in self.ranked[window]],
        )
        found = Page.objects.filter(pk__in=ids).specific().in_bulk()
        return [found[pk] for pk in ids if pk in found]


def _count_hits(pages, query: str) -> int:
    return count_hits(pages.search(search_query(query), order_by_relevance=False))


def _ranked_search(pages, query, hits: int):
    """Relevance order while the hits are few; newest first beyond RELEVANCE_LIMIT hits, where
    SQLite's relevance ranking gets slow (tens of seconds at 10,000 hits, see bench/). The query
    takes in the synonyms staff keep (home/search_terms.py)."""
    if hits <= RELEVANCE_LIMIT:
        return pages.specific().search(search_query(query))
    newest_first = pages.order_by("-first_published_at").specific()
    return newest_first.search(search_query(query), order_by_relevance=False)


BITMAP_ONLY = ("enable_seqscan", "enable_indexscan")


def count_hits(results) -> int:
    """How many pages a search finds. PostgreSQL's planner costs Wagtail's `title || body @@ query`
    as cheap and reads every index entry (≈60 ms when all 10,000 cases match) rather than use the
    GIN index on that expression (home migration 0014; ≈15 ms), so for this one count it is told to
    use bitmap scans, within a savepoint, and its settings are put back."""
    if connection.vendor != "postgresql":
        return results.count()
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"current_setting('{name}')" for name in BITMAP_ONLY))
        before = cursor.fetchone()
        cursor.execute("SELECT " + ", ".join(f"set_config('{name}', 'off', true)" for name in BITMAP_ONLY))
        count = results.count()
        cursor.execute(
            "SELECT " + ", ".join("set_config(%s, %s, true)" for _name in BITMAP_ONLY),
            [value for pair in zip(BITMAP_ONLY, before, strict=True) for value in pair],
        )
    return count


def _search_columns(request) -> dict:
    """The menu's columns by slug (home/templatetags/fjld.menu_entries)."""
    from home.templatetags.fjld import menu_entries

    columns = kept(request, f"menu:{get_language()}:{request.get_host()}", lambda: menu_entries(request))
    in_chinese = set(columns.get("in_chinese", ()))  # shown in the menu untranslated: nothing to search here
    return {
        path_slug(url): {"path": path, "title": title}
        for title, url, path in columns["columns"]
        if path not in in_chinese
    }


def path_slug(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _column_title(page, columns) -> str:
    for column in columns.values():
        if page.path.startswith(column["path"]) and page.path != column["path"]:
            return column["title"]
    return ""
