"""Walks the Wagtail admin as one user sees it (the links on each screen, breadth first) and collects
every run of English words a person would read there: text, the labels a screen reader speaks
(aria-label, title, placeholder, alt), and the admin's own interface strings (wagtail-config)."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

# Two or more English words in a row: "77 Pages", "Insert a block", "State label".
ENGLISH_RUN = re.compile(
    r"(?<![\w@./-])(?:\d+[ \u00a0]+[A-Za-z][a-z]+|[A-Za-z][a-z]+(?:[ \u00a0][A-Za-z][a-z]*)+)(?![\w@./-])"
)
SPOKEN_ATTRIBUTES = (
    "aria-label",
    "title",
    "placeholder",
    "alt",
    "aria-description",
    "data-bs-original-title",
)
SKIP_CONTENT = ("script", "style", "template", "code", "pre", "textarea")
# Never followed: they change data, sign out, or stream a file.
UNSAFE = re.compile(
    r"/(logout|delete|unpublish|copy|move|lock|unlock|revisions/\d+/revert|workflow/(cancel|action)|"
    r"disable|enable|approve|reject|restore|convert_alias|purge|redirect_to)|[?&](export|format)=|/(file|letter)/"
    r"|\.(xlsx|csv|json|pdf|png|jpg|zip)$|/documents/\d+/|/images/\d+/original|/serve/"
)


class _ScreenText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.links, self.skipping, self.config = [], [], 0, None
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIP_CONTENT:
            self.skipping += 1
            self._in_config = tag == "script" and attrs.get("id") == "wagtail-config"
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("hidden") is None:
            for name in SPOKEN_ATTRIBUTES:
                if attrs.get(name):
                    self.texts.append(attrs[name])
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in SKIP_CONTENT and self.skipping:
            self.skipping -= 1
            self._in_config = False

    def handle_data(self, data):
        if self._in_config:
            self.config = data
        elif not self.skipping and data.strip():
            self.texts.append(data)


def _config_strings(config: str | None):
    """The admin's interface strings that its scripts show (wagtailConfig.STRINGS)."""
    if not config:
        return []
    try:
        strings = json.loads(config).get("STRINGS", {})
    except ValueError:
        return []
    return [value for value in strings.values() if isinstance(value, str)]


def english_runs(html: str, allowed) -> tuple[list[str], list[str]]:
    parser = _ScreenText()
    parser.feed(html)
    runs = []
    for text in parser.texts + _config_strings(parser.config):
        for run in ENGLISH_RUN.findall(text):
            if not allowed(run):
                runs.append(run)
    return runs, parser.links


def crawl(client, start=("/admin/",), limit=80, allowed=lambda run: False) -> dict:
    """{"visited": [urls], "english": {run: [urls]}, "errors": {url: status}} for one logged-in client,
    from the `start` screens (the dashboard, and screens no link shape reaches: each page type's form)."""
    queue, english, errors, visited = list(start), {}, {}, []
    seen = set(queue)
    while queue and len(visited) < limit:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code in (301, 302):
            continue
        if response.status_code != 200:
            if response.status_code >= 500:
                errors[url] = response.status_code
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        visited.append(url)
        runs, links = english_runs(response.content.decode(), allowed)
        for run in runs:
            english.setdefault(run, []).append(url)
        for link in links:
            link = urldefrag(link)[0]
            parts = urlsplit(link)
            if parts.netloc or not parts.path.startswith("/admin/") or UNSAFE.search(link):
                continue
            # one screen of each kind: the same view with another id or page adds nothing
            shape = re.sub(r"\d+", "N", parts.path) + (
                "?" + re.sub(r"=[^&]*", "=", parts.query) if parts.query else ""
            )
            if shape not in seen:
                seen.add(shape)
                queue.append(link)
    return {"visited": visited, "english": english, "errors": errors}


def start_screens() -> list[str]:
    """The dashboard, then the edit form of one page of each type and each page type's add form
    under a parent that allows it (a link's shape, /admin/pages/N/edit/, does not tell types apart)."""
    from wagtail.models import Page

    screens = ["/admin/"]
    seen_types = set()
    for page in Page.objects.filter(depth__gt=1).select_related("content_type").order_by("path"):
        if page.content_type_id in seen_types:
            continue
        seen_types.add(page.content_type_id)
        screens.append(f"/admin/pages/{page.pk}/edit/")
        for child in page.specific_class.allowed_subpage_models():
            meta = child._meta
            screens.append(f"/admin/pages/add/{meta.app_label}/{meta.model_name}/{page.pk}/")
    return list(dict.fromkeys(screens))
