"""What each app contributes to the demo site, registered in its `demo.py`: its columns (made
under the home page, in order, with their English and Tibetan titles), the content it loads into
them, and its demo logins. `load_demo` and `ensure_demo_logins` iterate these registries."""

from collections.abc import Callable
from dataclasses import dataclass, field

from home.registries import Registry


@dataclass(frozen=True)
class DemoColumn:
    model: str  # "app_label.ModelName" of the index page
    slug: str
    title: str
    intro: str
    in_menu: bool = True  # public columns are in the menu and translated
    translations: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (title, intro)
    order: int = 100


@dataclass(frozen=True)
class DemoContent:
    name: str
    load: Callable[[dict], str]  # (columns by slug) -> a short summary for the command's output
    order: int = 100


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str  # shown whole (Chinese names are not split into first and last)
    groups: tuple[str, ...] = ()  # none: an administrator (superuser)
    after: Callable[[object], None] | None = None  # e.g. link a liaison to their unit
    order: int = 100


def _order(item) -> int:
    return item.order


demo_columns: Registry[DemoColumn] = Registry("demo", key=_order)
demo_content: Registry[DemoContent] = Registry("demo", key=_order)
demo_users: Registry[DemoUser] = Registry("demo", key=_order)
