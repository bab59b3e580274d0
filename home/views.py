import hashlib
from collections.abc import Sequence

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view
from wagtail.models import Locale, Page

from . import ratelimit, search_terms
from .caching.generation import kept
from .paging import paginate
from .preferences import PREFERENCE_COOKIES, PREFERENCE_MAX_AGE, SERVER_RENDERED, clean_preference
from .search_terms import search_query
from .segmentation import clean_query

SEARCH_MAX_LENGTH = 60
SEARCH_PER_PAGE = 10
RELEVANCE_LIMIT = 500


@never_cache
def health(request):
    """Database and task-queue health for monitoring: 200 when both are fine, 503 otherwise. The
    details (database vendor, queue, error text) only for staff who may read 网站自查; anyone else
    learns up or down, nothing about hosts or errors."""
    from config.schedule import REGISTRY

    report = {"database": {"ok": False}, "queue": {"ok": False}}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        report["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # health must answer, whatever the failure
        report["database"]["error"] = str(exc).splitlines()[0][:200]

    if report["database"]["ok"]:
        report["queue"] = _queue_health(REGISTRY["publish_scheduled"].schedule_name)
    healthy = report["database"]["ok"] and report["queue"]["ok"]
    report["status"] = "ok" if healthy else "degraded"
    if not (request.user.is_authenticated and request.user.has_perm("home.view_site_health")):
        report = {"status": report["status"]}
    return JsonResponse(report, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})


def _queue_health(heartbeat_schedule: str) -> dict:
    """The every-minute publishing schedule is the cluster's heartbeat: the scheduler moves its
    next_run forward each time it fires, so a next_run long past means no cluster is running."""
    from django_q.brokers import get_broker
    from django_q.models import Schedule

    queue = {"ok": False, "broker": "redis" if settings.REDIS_URL else "orm"}
    try:
        queue["pending"] = get_broker().queue_size()
    except Exception as exc:
        queue["error"] = f"无法连接任务队列：{str(exc).splitlines()[0][:200]}"
        return queue
    schedule = Schedule.objects.filter(name=heartbeat_schedule).only("next_run").first()
    if schedule is None:
        queue["error"] = "定时任务尚未登记（请运行 manage.py migrate 或 sync_schedules）"
        return queue
    late = (timezone.now() - schedule.next_run).total_seconds()
    queue["next_scheduled_run"] = timezone.localtime(schedule.next_run).isoformat()
    queue["ok"] = late < 180
    if not queue["ok"]:
        queue["error"] = f"任务集群已 {int(late // 60)} 分钟未运行定时任务（qcluster 是否已启动？）"
    return queue


@require_GET
def robots_txt(request):
    prefix = settings.URL_PREFIX
    other_languages = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    lines = [
        "User-agent: *",
        f"Disallow: {prefix}/admin/",
        f"Disallow: {prefix}/internal/",
        f"Disallow: {prefix}/search/",
        *(f"Disallow: {prefix}/{code}/search/" for code in other_languages),
        f"Disallow: {prefix}/documents/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class PublicSitemap(WagtailSitemap):
    """Every live, public, indexable page of the site in every language (Wagtail's own lists one
    tree), each with its translations as xhtml:link alternates. Pages that tell search engines
    not to index them (forms: search_engine_indexable = False) are left out."""

    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Q()
        for tree_root in root.get_translations(inclusive=True):
            trees |= Q(path__startswith=tree_root.path)
        pages = Page.objects.filter(trees).live().public().order_by("path").defer_streamfields().specific()
        return [page for page in pages if getattr(page, "search_engine_indexable", True)]

    def _urls(self, page, protocol, domain):
        """One query for every alternate: translations are the pages sharing a translation key."""
        from collections import defaultdict

        items = list(self.paginator.page(page).object_list)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        by_key = defaultdict(list)
        for item in self.items():
            by_key[item.translation_key].append(item)
        urls = []
        for item in items:
            siblings = by_key[item.translation_key]
            info = {"item": item, "location": item.get_full_url(self.request), "lastmod": self.lastmod(item)}
            if len(siblings) > 1:
                info["alternates"] = [
                    {"lang_code": languages[s.locale_id], "location": s.get_full_url(self.request)}
                    for s in siblings
                ]
            urls.append(info)
        lastmods = [u["lastmod"] for u in urls if u["lastmod"]]
        if lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def sitemap(request):
    return wagtail_sitemap_view(request, sitemaps={"pages": PublicSitemap})


SITEMAP_ITEMS_PER_COLUMN = 30


def html_sitemap(request):
    """网站地图 for people: every public column of the reader's language with its newest items (the
    rest a click away in the column). A fixed number of queries: one for the columns, one each."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    home = site.root_page.localized.specific if site else None
    columns = home.latest_by_column(SITEMAP_ITEMS_PER_COLUMN, with_counts=True) if home is not None else []
    return render(
        request,
        "home/html_sitemap.html",
        {"home": home, "columns": columns, "per_column": SITEMAP_ITEMS_PER_COLUMN},
    )


@require_GET
def set_display_preferences(request):
    """适老化 without JavaScript: font size and contrast kept in cookies, and a mark that this reader's
    pages must be rendered with them by the server (home/preferences.py)."""
    target = request.GET.get("next") or reverse("wagtail_serve", args=[""])
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("wagtail_serve", args=[""])
    response = HttpResponseRedirect(target)
    for key, cookie in PREFERENCE_COOKIES.items():
        if key in request.GET:
            response.set_cookie(
                cookie,
                clean_preference(key, request.GET[key]),
                max_age=PREFERENCE_MAX_AGE,
                path=f"{settings.URL_PREFIX}/",
                samesite="Lax",
            )
    response.set_cookie(
        SERVER_RENDERED, "1", max_age=PREFERENCE_MAX_AGE, path=f"{settings.URL_PREFIX}/", samesite="Lax"
    )
    return response


def search(request):
    """站内搜索: every public page in the reader's language, Chinese words found inside sentences,
    optionally within one column (?section=cases)."""
    from .highlight import mark, snippet

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
    from .templatetags.fjld import menu_entries

    columns = kept(request, f"menu:{get_language()}:{request.get_host()}", lambda: menu_entries(request))
    return {path_slug(url): {"path": path, "title": title} for title, url, path in columns["columns"]}


def path_slug(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _column_title(page, columns) -> str:
    for column in columns.values():
        if page.path.startswith(column["path"]) and page.path != column["path"]:
            return column["title"]
    return ""


DATABASE_RETRY_SECONDS = 120


def server_error(request, *args, **kwargs):
    """500 page without touching the database (it may be what failed); honours the mount prefix.
    When the database itself is down, 503 with Retry-After: the site is unavailable, not broken."""
    import sys

    from django.db import InterfaceError, OperationalError
    from django.template import loader
    from django.urls import get_script_prefix

    from .middleware import database_down

    context = {"home_url": get_script_prefix()}
    failure = sys.exc_info()[1]  # Django calls the handler inside its except block
    if isinstance(failure, (OperationalError, InterfaceError)) and database_down():
        context["retry_minutes"] = DATABASE_RETRY_SECONDS // 60
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponse(loader.get_template("500.html").render(context), status=500)
