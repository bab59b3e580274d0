"""Create (once) or report the demo logins: an administrator and one user per role, as the
installed apps registered them (home/registries/demo.py)."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from home.registries.demo import demo_users
from home.security.passwords import generate_password


class Command(BaseCommand):
    help = "建立或报告演示登录账号（管理员及各角色各一人）。密码首次随机生成，保存在 var/demo-logins.txt。"

    def handle(self, *args, **options):
        password_file = settings.VAR_DIR / "demo-logins.txt"
        chosen = os.environ.get("DEMO_PASSWORD")
        if chosen:
            try:
                validate_password(chosen)
            except ValidationError as exc:
                raise CommandError("DEMO_PASSWORD 不符合密码规则：" + "".join(exc.messages)) from exc
        password = chosen or self._stored_password(password_file)
        User = get_user_model()
        created_any = False
        for spec in demo_users:
            user = User.objects.filter(username=spec.username).first()
            if user is None:
                password = password or generate_password()
                # A Chinese name is shown whole: Django's "first last" order would split it wrongly.
                user = User(
                    username=spec.username,
                    first_name=spec.full_name,
                    last_name="",
                    email=f"{spec.username}@example.gov.cn",
                )
                user.set_password(password)
                user.is_staff = user.is_superuser = not spec.groups
                user.save()
                created_any = True
            else:
                if chosen and not user.check_password(chosen):
                    user.set_password(chosen)  # DEMO_PASSWORD resets the demo accounts' password
                    created_any = True
                if (user.first_name, user.last_name) != (spec.full_name, ""):
                    user.first_name, user.last_name = spec.full_name, ""  # mend earlier split names
                user.save()
            for group_name in spec.groups:
                user.groups.add(Group.objects.get_or_create(name=group_name)[0])
            if spec.after:
                spec.after(user)
        if created_any:
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n", encoding="utf-8")
            password_file.chmod(0o600)
        self._report(password)

    @staticmethod
    def _stored_password(path):
        return path.read_text(encoding="utf-8").strip() if path.exists() else None

    def _report(self, password):
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/"
        lines = ["", "=" * 64, f"  演示登录  {admin_url}"]
        for spec in demo_users:
            lines.append(f"    {spec.username:<12} {spec.full_name}")
        if password:
            lines.append(f"  密码（以上账号相同）：{password}")
        else:
            lines.append("  账号已存在，密码未改动（DEMO_PASSWORD=新密码 make run 可重设）。")
        lines += ["=" * 64, ""]
        self.stdout.write("\n".join(lines))
