from django.core.management.base import BaseCommand

from home.roles import ROLES, apply_roles
from home.workflows import WORKFLOWS, apply_workflows


class Command(BaseCommand):
    help = "建立各角色（用户组）及其页面、素材和片段权限，以及三审和内部审核流程（可重复运行）。"

    def handle(self, *args, **options):
        apply_roles()
        apply_workflows()
        for name, role in ROLES.items():
            self.stdout.write(f"{name}：{role.description}")
        for spec in WORKFLOWS:
            steps = " → ".join(f"{task}（{group}）" for task, group in spec.steps)
            self.stdout.write(f"审核流程“{spec.name}”：{steps}")
