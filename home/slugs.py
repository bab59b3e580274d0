"""Short readable addresses for pages with Chinese titles. A Unicode slug is a long percent-encoded
URL once copied (/cases/%E7%94%B5%E4%BF%A1.../), and an ASCII-only one drops the Chinese and glues
numbers together ("1—9月" became "19月"). Here the title is written in pinyin, one syllable a word,
with numbers and ranges kept ("2026年1—9月统计数据" → 2026-nian-1-9-yue-tong-ji-shu-ju), through
anyascii (Wagtail's own dependency). A slug somebody typed in Latin letters is left alone; a page
whose slug changes after publication keeps its old address as a redirect (Wagtail creates it)."""

import re
import unicodedata

from anyascii import anyascii

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# between two digits these mean a range: 1—9, 1～9, 1至9, 1-9
RANGE = re.compile(r"(?<=\d)\s*(?:—|–|－|-|~|～|至|到)\s*(?=\d)")
MAX_LENGTH = 60


def readable_slug(title: str) -> str:
    text = RANGE.sub("\x00", unicodedata.normalize("NFKC", title or ""))  # ２０２６ → 2026
    words, current = [], ""
    for character in text:
        if character == "\x00":
            current += "-"
        elif character.isascii() and character.isalnum():
            current += character.lower()
        elif CJK.match(character):
            if current:
                words.append(current)
            words.append(anyascii(character).lower())
            current = ""
        else:  # punctuation, spaces, brackets: a word boundary
            if current:
                words.append(current)
            current = ""
    if current:
        words.append(current)
    slug = ""
    for word in (w.strip("-") for w in words):
        if not word:
            continue
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_LENGTH:
            break
        slug = candidate
    return slug


def needs_readable_slug(slug: str, title: str) -> bool:
    """Empty, Unicode (percent-encoded once copied), or only digits and hyphens made from a Chinese
    title (what an ASCII slugify leaves of it)."""
    if not slug:
        return True
    if not slug.isascii():
        return True
    return bool(CJK.search(title or "")) and not re.search(r"[a-z]", slug)
