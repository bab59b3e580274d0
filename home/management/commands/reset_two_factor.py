"""An administrator's reset of a user's two-factor login (a lost or replaced phone), from the
server's shell: every authenticator of the user is removed and the security log records it. At
the next login the user binds a new one."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home.security.two_factor import reset_devices


class Command(BaseCommand):
    help = "重置一个用户的两步验证（删除其身份验证器），记入安全审计日志"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户名为“{username}”的用户。")
        removed = reset_devices(user, via="命令行 reset_two_factor")
        self.stdout.write(
            f"已重置 {username} 的两步验证：删除 {removed} 个身份验证器。下次登录时须重新绑定。"
        )
