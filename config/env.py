"""Reading settings from the environment, with clear errors for what production must set."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_required(name: str, hint: str) -> str:
    value = env_str(name)
    if value is None:
        raise ImproperlyConfigured(f"环境变量 {name} 未设置：{hint}")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"环境变量 {name} 应为整数，实际为 {value!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env_str(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def url_prefix() -> str:
    """The path the site is mounted under behind the portal's proxy ('' or e.g. '/fjld')."""
    prefix = (env_str("URL_PREFIX", "") or "").strip().strip("/")
    return f"/{prefix}" if prefix else ""


def env_addresses(name: str) -> list[tuple[str, str]]:
    """Mail addresses as Django's ADMINS wants them: "张三 <zhang@example.gov.cn>, ops@example.gov.cn"
    → [("张三", "zhang@…"), ("ops@…", "ops@…")]. An entry that is not an address is refused."""
    from email.utils import getaddresses

    raw = env_str(name, "")
    found = [(label or address, address) for label, address in getaddresses([raw]) if address]
    wrong = [address for _, address in found if "@" not in address]
    if wrong:
        raise ImproperlyConfigured(f"环境变量 {name} 中的邮箱地址无效：{', '.join(wrong)}")
    return found
