"""Search-result snippets quoted from the page's real text (never the segmented index text),
with the query's words marked."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from home.search.segmentation import query_terms, word_pieces


def _pattern(query: str):
    """The query's words, their pieces and their synonyms' (what the search matched), longest first."""
    from home.search.terms import variants

    words = {w for variant in variants(query) for w in query_terms(variant) if w.strip()}
    words |= {piece for word in list(words) for piece in word_pieces(word) if len(piece) > 1}
    terms = sorted(words, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None


def mark(text: str, query: str) -> SafeString:
    """The whole text, escaped, with every query word in <mark>."""
    pattern = _pattern(query)
    if pattern is None:
        return mark_safe(escape(text))
    out, last = [], 0
    for match in pattern.finditer(text):
        out += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text: str, query: str, width: int = 110) -> SafeString:
    """About `width` characters around the first query word, marked, with ellipses."""
    text = " ".join((text or "").split())
    pattern = _pattern(query)
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - width // 3) if first else 0
    part = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + mark(part, query) + suffix)
