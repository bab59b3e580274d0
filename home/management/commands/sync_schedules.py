from django.core.management.base import BaseCommand

from home.registries.jobs import REGISTRY, apply_schedules


class Command(BaseCommand):
    help = "按代码中的登记表建立或更新定时任务（可重复运行）。"

    def handle(self, *args, **options):
        changed = apply_schedules()
        for job in REGISTRY.values():
            mark = "已更新" if job.name in changed else "无变化"
            self.stdout.write(f"{job.name}: {job.description}（{mark}）")
