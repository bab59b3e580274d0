"""How apps plug into the base without the base knowing them.

Each registry is filled from one module name in every installed app — the way Django finds each
app's `admin.py` and Wagtail each `wagtail_hooks.py` — and is read only by the base's commands
and views, which iterate what was registered:

    module in an app     registry                         read by
    ----------------     -------------------------------  --------------------------------------
    roles.py             home.registries.roles.roles, workflows      setup_roles, load_demo, apply_roles()
    health_checks.py     home.operations.self_check.checks          site_health, the 网站自查 report, e-mail
    demo.py              home.registries.demo.demo_parts    load_demo, ensure_demo_logins
    jobs.py              home.registries.jobs (Job registry)   sync_schedules, post-migrate
    public_urls.py       (urlpatterns, included)          config/urls.py
    statistics_sources.py home.registries.statistics        the disclosures app's 从台账生成数据发布

Adding an app means writing those modules in the app; nothing in `home/` or `config/` changes.
"""

from collections.abc import Iterator
from typing import Generic, TypeVar

from django.utils.module_loading import autodiscover_modules

T = TypeVar("T")


class Registry(Generic[T]):
    """An ordered collection of what apps registered, discovered on first use."""

    def __init__(self, module: str, *, key=None):
        self.module = module
        self._key = key  # sort key; registration order when None
        self._items: list[T] = []
        self._discovered = False

    def register(self, item: T) -> T:
        self._items.append(item)
        return item

    def discover(self) -> None:
        if not self._discovered:
            self._discovered = True
            autodiscover_modules(self.module)

    def __iter__(self) -> Iterator[T]:
        self.discover()
        items = sorted(self._items, key=self._key) if self._key else self._items
        return iter(list(items))

    def __len__(self) -> int:
        self.discover()
        return len(self._items)


def app_modules(module: str) -> Iterator:
    """`module` of every installed app that has one (e.g. each app's public_urls)."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    for config in apps.get_app_configs():
        name = f"{config.name}.{module}"
        if find_spec(name) is not None:
            yield import_module(name)
