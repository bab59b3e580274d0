"""Wagtail's database search backend (SQLite FTS5 or PostgreSQL, whichever is configured) with
Chinese segmentation on the query side; the index side is `ChineseSearchField`. Site search and
the admin's search both go through here."""

from modelsearch import index
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText

from home.search.segmentation import segment_for_index, segment_query


class SegmentedValueMixin:
    """Index the segmented text; compare equal to the plain field it replaces (Wagtail's check
    that pages keep Page.search_fields looks for them with ==)."""

    def get_value(self, obj):
        return _segment_value(super().get_value(obj))

    def __eq__(self, other):
        plain = type(self).__mro__[2]
        return (
            isinstance(other, plain) and other.field_name == self.field_name and other.kwargs == self.kwargs
        )

    def __hash__(self):
        return hash((self.field_name, type(self).__mro__[2]))


class ChineseSearchField(SegmentedValueMixin, index.SearchField):
    """A SearchField whose indexed value is segmented Chinese text."""


class ChineseAutocompleteField(SegmentedValueMixin, index.AutocompleteField):
    pass


def _segment_value(value):
    if value is None:
        return value
    if isinstance(value, (list, tuple)):
        value = " ".join(str(item) for item in value if item)
    return segment_for_index(str(value))


def chinese_search_fields(fields):
    """Page.search_fields with every text field segmented (filter fields unchanged)."""
    converted = []
    for field in fields:
        if type(field) is index.SearchField:
            field = ChineseSearchField(field.field_name, **field.kwargs)
        elif type(field) is index.AutocompleteField:
            field = ChineseAutocompleteField(field.field_name, **field.kwargs)
        converted.append(field)
    return converted


def segment(query):
    """Segment a query string or query object (plain, phrase, fuzzy, inside And/Or/Not/Boost)."""
    if isinstance(query, str):
        return segment_query(query)
    if isinstance(query, PlainText):
        return PlainText(segment_query(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(segment_query(query.query_string))
    if isinstance(query, Fuzzy):
        return Fuzzy(segment_query(query.query_string), operator=query.operator, unaccent=query.unaccent)
    if isinstance(query, (And, Or)):
        return type(query)([segment(sub) for sub in query.subqueries])
    if isinstance(query, Not):
        return Not(segment(query.subquery))
    if isinstance(query, Boost):
        return Boost(segment(query.subquery), query.boost)
    return query


class ChineseQueryMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if kwargs.get("operator") is None and "operator" in kwargs:
            kwargs["operator"] = "and"  # every word the reader typed must be there
        return super()._search(query_compiler_class, segment(query), model_or_queryset, **kwargs)


_classes: dict[type, type] = {}


def SearchBackend(params):
    vendor_backend = DatabaseSearchBackend(params)
    base = type(vendor_backend)
    if base not in _classes:
        _classes[base] = type(f"Chinese{base.__name__}", (ChineseQueryMixin, base), {})
    return _classes[base](params)
