"""Create (once) or report the demo logins: an administrator and one user per role."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from home.roles import DISCLOSURE_OFFICERS, LIAISONS, OFFICE, PUBLICITY, REVIEWERS
from home.workflows import STEP_GROUPS

DEMO_LIAISON_UNIT = "县司法局"
DEMO_USERS = [
    # username, full name, groups (none: superuser)
    ("admin", "系统管理员", ()),
    ("xuanchuan", "宣传人员（演示）", (PUBLICITY,)),
    ("chushen", "初审人员（演示）", (REVIEWERS, STEP_GROUPS[0])),
    ("fushen", "复审人员（演示）", (REVIEWERS, STEP_GROUPS[1])),
    ("zhongshen", "终审人员（演示）", (REVIEWERS, STEP_GROUPS[2])),
    ("gongkai", "信息公开专员（演示）", (DISCLOSURE_OFFICERS,)),
    ("bangongshi", "联席会议办公室（演示）", (OFFICE,)),
    ("lianluoyuan", "成员单位联络员（演示）", (LIAISONS,)),
]


class Command(BaseCommand):
    help = "建立或报告演示登录账号（管理员及各角色各一人）。密码首次随机生成，保存在 var/demo-logins.txt。"

    def handle(self, *args, **options):
        password_file = settings.VAR_DIR / "demo-logins.txt"
        chosen = os.environ.get("DEMO_PASSWORD")
        password = chosen or self._stored_password(password_file)
        User = get_user_model()
        created_any = False
        for username, full_name, group_names in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                password = password or secrets.token_urlsafe(9)
                first, last = full_name[1:], full_name[:1]
                user = User(
                    username=username, first_name=first, last_name=last, email=f"{username}@example.gov.cn"
                )
                user.set_password(password)
                user.is_staff = user.is_superuser = not group_names
                user.save()
                created_any = True
            elif chosen and not user.check_password(chosen):
                user.set_password(chosen)  # DEMO_PASSWORD resets the demo accounts' password
                user.save(update_fields=["password"])
                created_any = True
            for group_name in group_names:
                user.groups.add(Group.objects.get_or_create(name=group_name)[0])
            if LIAISONS in group_names:
                self._link_demo_liaison(user)
        if created_any:
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n", encoding="utf-8")
            password_file.chmod(0o600)
        self._report(password)

    @staticmethod
    def _link_demo_liaison(user):
        """The demo liaison reports for 县司法局, which leads several demo resolutions."""
        from internal.models import MemberUnit

        unit = MemberUnit.objects.filter(short_name=DEMO_LIAISON_UNIT).first()
        if unit is not None:
            unit.liaisons.add(user)

    @staticmethod
    def _stored_password(path):
        return path.read_text(encoding="utf-8").strip() if path.exists() else None

    def _report(self, password):
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/"
        lines = ["", "=" * 64, f"  演示登录  {admin_url}"]
        for username, full_name, _ in DEMO_USERS:
            lines.append(f"    {username:<12} {full_name}")
        if password:
            lines.append(f"  密码（以上账号相同）：{password}")
        else:
            lines.append("  账号已存在，密码未改动（DEMO_PASSWORD=新密码 make run 可重设）。")
        lines += ["=" * 64, ""]
        self.stdout.write("\n".join(lines))
