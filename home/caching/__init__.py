"""What the site keeps, and when it lets go — the whole design.

Only what every anonymous reader sees alike is kept; nothing rendered for a preview (Wagtail marks
the request `is_preview`) or for a logged-in user is ever kept where a visitor can read it. The page
cache (`pages.py`) keeps a whole public page rendered for a reader without a login — not a form
holding a CSRF token, nor a response marked private, nor a path an app declared never cached
(`rules.py`) — for PAGE_CACHE_SECONDS in the cache every worker shares, and marks it X-Accel-Expires
so that nginx may keep it too (`front.py` purges nginx on publish). When the page cache misses,
what every reader shares is kept for FRAGMENT_CACHE_SECONDS: fragments of the templates (the header
and menu, the footer, a column's list, a case's article) through Wagtail's own `{% wagtailcache %}`,
which renders afresh for a preview, and a few values through `generation.kept()` — the page a path
leads to and the Site of a host (`routes.py`), the site settings, a search's count. A logged-in
reader's fragments are keyed "private" and kept for 0 seconds, and `kept()` computes theirs afresh.
Every key carries the site's generation (`generation.py`): one value in the shared cache that
`invalidation.py` renews — at once, and again when the transaction commits — whenever something a
visitor can see changes: a page published, unpublished, moved or deleted (scheduled go-live and
expiry and translation sync send the same Wagtail signals), a live page saved outside a draft, a view
restriction, a site, the site settings, an image or document, or a row of a model an app declared
shown on public pages (`rules.py`). Saving a draft renews nothing. A change made behind the signals'
back (a queryset's update()) shows when the entries expire. Public form pages are cached too: their
posts are checked by the browser's Origin header instead of a per-visitor token (`forms.py`). A
cache that cannot be reached is logged and the page rendered as if nothing was kept.
"""
