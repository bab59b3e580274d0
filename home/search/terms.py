"""What a reader typed, widened by the synonyms staff keep (SearchSynonym), and what to suggest
when nothing is found: the synonyms of the words, and the popular searches that found something."""

import datetime

from django.db.models import F
from django.utils import timezone

from home.search.segmentation import clean_query

MAX_VARIANTS = 6
POPULAR_DAYS = 90
POPULAR_COUNT = 8


SYNONYMS_CACHE_KEY = "fjld:search-synonyms"
SYNONYMS_CACHE_SECONDS = 60  # each worker sees an edit within a minute (at once where it was made)


def synonym_groups() -> list[list[str]]:
    """The groups staff keep, cached (every search and every highlighted result reads them)."""
    from django.core.cache import cache

    from home.models import SearchSynonym

    return cache.get_or_set(
        SYNONYMS_CACHE_KEY,
        lambda: [synonym.term_list for synonym in SearchSynonym.objects.all()],
        SYNONYMS_CACHE_SECONDS,
    )


def variants(query: str, groups: list[list[str]] | None = None) -> list[str]:
    """The query and its rewrites with each synonym put in for a term it contains (the query first;
    at most MAX_VARIANTS). 市场监管执法 → 市场监管执法, 市场监督管理执法."""
    query = clean_query(query)
    found = [query]
    for group in groups if groups is not None else synonym_groups():
        for term in sorted(group, key=len, reverse=True):
            if term in query:
                for other in group:
                    rewritten = query.replace(term, other)
                    if rewritten not in found:
                        found.append(rewritten)
                break
    return found[:MAX_VARIANTS]


def search_query(query: str):
    """A query object for Wagtail search: the words must all be there, in any one of the variants."""
    from modelsearch.query import Or, PlainText

    options = variants(query)
    if len(options) == 1:
        return PlainText(options[0], operator="and")
    return Or([PlainText(option, operator="and") for option in options])


def related_terms(query: str) -> list[str]:
    """Synonyms of what was typed, for "你可以试试"."""
    query = clean_query(query)
    related = []
    for group in synonym_groups():
        if any(term in query or query in term for term in group):
            related += [term for term in group if term != query and term not in related]
    return related[:POPULAR_COUNT]


def record(query: str) -> None:
    """Count a search that found something (popular searches are made of these)."""
    from home.models import SearchTerm

    term = clean_query(query)[:60]
    if not term:
        return
    updated = SearchTerm.objects.filter(term=term).update(count=F("count") + 1, last_searched=timezone.now())
    if not updated:
        SearchTerm.objects.get_or_create(term=term, defaults={"count": 1})


def popular(exclude: str = "") -> list[str]:
    from home.models import SearchTerm

    since = timezone.now() - datetime.timedelta(days=POPULAR_DAYS)
    terms = (
        SearchTerm.objects.filter(last_searched__gte=since).exclude(term=exclude).order_by("-count", "term")
    )
    return list(terms.values_list("term", flat=True)[:POPULAR_COUNT])
