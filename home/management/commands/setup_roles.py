from django.core.management.base import BaseCommand

from home.registries.roles import apply_roles, role_descriptions
from home.registries.workflows import apply_workflows, workflows


class Command(BaseCommand):
    help = "建立各角色（用户组）及其页面、素材和片段权限，以及三审和内部审核流程（可重复运行）。"

    def handle(self, *args, **options):
        apply_roles()
        apply_workflows()
        for name, description in role_descriptions().items():
            self.stdout.write(f"{name}：{description}")
        for spec in workflows:
            steps = " → ".join(f"{task}（{group}）" for task, group in spec.steps)
            self.stdout.write(f"审核流程“{spec.name}”：{steps}")
