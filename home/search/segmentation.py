"""Chinese word segmentation for search (rjieba + a legal-term dictionary).

The database search backends treat a run of Chinese characters as one token, so 诈骗 is not found
inside 电信网络诈骗犯罪. Indexed text is segmented with cut_for_search (words and their sub-words),
queries with cut (the words the reader typed); both see the same dictionary.
"""

import re
from functools import cache
from pathlib import Path

import rjieba

TERMS_FILE = Path(__file__).parents[1] / "data" / "legal_terms.txt"
# Tokens that are only punctuation or whitespace carry nothing for search.
_MEANINGLESS = re.compile(r"^[\s\W_]+$", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@cache
def _load_dictionary() -> int:
    count = 0
    for line in TERMS_FILE.read_text(encoding="utf-8").splitlines():
        term = line.strip()
        if term and not term.startswith("#"):
            rjieba.add_word(term, None, None)
            count += 1
    return count


def _tokens(words) -> list[str]:
    return [w.strip() for w in words if w.strip() and not _MEANINGLESS.match(w)]


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text or ""))


def _long_subwords(word: str) -> list[str]:
    """Dictionary words of 4+ characters inside a longer word (未成年人 inside 未成年人保护):
    jieba's search mode only emits the 2- and 3-character ones."""
    found = []
    for size in range(4, len(word)):
        for start in range(len(word) - size + 1):
            part = word[start : start + size]
            if rjieba.has_word(part):
                found.append(part)
    return found


def segment_for_index(text: str) -> str:
    """Words and their sub-words, space-separated: what the search index stores."""
    if not text or not has_chinese(text):
        return text or ""
    _load_dictionary()
    tokens = _tokens(rjieba.cut_for_search(text))
    for word in _tokens(rjieba.cut(text)):
        if len(word) > 4:
            tokens.extend(_long_subwords(word))
    return " ".join(tokens)


def query_terms(text: str) -> list[str]:
    """The words of a query, in order (used to build the query and to highlight results)."""
    if not text:
        return []
    _load_dictionary()
    return _tokens(rjieba.cut(text))


# What a reader types may hold the search engine's own syntax (FTS5: " * ^ : ( ) NEAR AND OR NOT;
# tsquery: & | ! <->) or control characters; a query keeps only words, so no input is an error.
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def clean_query(text: str) -> str:
    """Words only (letters, digits, Chinese), separated by single spaces; operator words lowered."""
    words = _NOT_WORD.sub(" ", (text or "").replace("_", " ")).split()
    return " ".join(word.lower() if word in _OPERATORS else word for word in words)


def word_pieces(word: str) -> list[str]:
    """What the index is asked for a query word. A word of four or more characters is looked up by
    the two- and three-character words that make it up — exactly what the index side's search-mode
    cut stores for any text holding those characters — so 电信诈骗 finds 电信网络诈骗 (both hold 电信
    and 诈骗). A word that cannot be made up of such pieces, or a short one, stands for itself."""
    if len(word) < 4 or not has_chinese(word):
        return [word]
    _load_dictionary()
    pieces_here = {w for w in rjieba.cut_for_search(word) if 2 <= len(w) <= 3 and w in word}
    pieces, position = [], 0
    while position < len(word):
        starting = [w for w in pieces_here if word.startswith(w, position)]
        if not starting:
            return [word]
        piece = max(starting, key=len)
        pieces.append(piece)
        position += len(piece)
    return pieces


def segment_query(text: str) -> str:
    """The query as the index is asked: words, long ones by their pieces (word_pieces)."""
    text = clean_query(text)
    if not text or not has_chinese(text):
        return text
    return " ".join(piece for word in query_terms(text) for piece in word_pieces(word))
