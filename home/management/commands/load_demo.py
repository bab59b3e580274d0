from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Command(BaseCommand):
    help = "建立演示站点（可重复运行）：页面树、种子文件、站点标识、角色与权限、三审流程、英文和藏文译本。"

    def handle(self, *args, **options):
        from home import demo as home_demo
        from home.registries.demo import demo_content
        from home.registries.roles import apply_roles
        from home.registries.workflows import apply_workflows

        # Index and references are built here and now, not left queued for a cluster that may
        # not be running yet.
        with override_settings(TASKS=IMMEDIATE_TASKS), transaction.atomic():
            home = home_demo.load()
            columns = {child.slug: child.specific for child in home.get_children()}
            summaries = [part.load(columns) for part in demo_content]  # what each app registered
            groups = apply_roles()
            apply_workflows()
        self.stdout.write(
            self.style.SUCCESS(
                f"演示站点已就绪：首页“{home.title}”，{len(columns)} 个栏目，"
                + "，".join(summaries)
                + f"，{len(groups)} 个角色。"
            )
        )
