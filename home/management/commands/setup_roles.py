from django.core.management.base import BaseCommand

from home.roles import ROLES, apply_roles


class Command(BaseCommand):
    help = "建立各角色（用户组）及其页面、素材和片段权限（可重复运行）。"

    def handle(self, *args, **options):
        apply_roles()
        for name, role in ROLES.items():
            self.stdout.write(f"{name}：{role.description}")
