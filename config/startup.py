"""Start-up guards: bad configuration fails loudly, in one clear line, not a traceback wall."""

import sys

from django.core.exceptions import ImproperlyConfigured


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__


def run_cleanly(argv: list[str]) -> None:
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"配置错误：{_one_line(exc)}\n")
        sys.exit(2)
    except OperationalError as exc:
        from django.conf import settings

        db = settings.DATABASES["default"]
        where = db.get("HOST") or db.get("NAME")
        sys.stderr.write(f"数据库无法连接（{db['ENGINE'].rsplit('.', 1)[-1]} {where}）：{_one_line(exc)}\n")
        sys.exit(3)
