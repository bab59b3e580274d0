from django.core.management.base import BaseCommand, CommandError

from home.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = "从 backup_site 的备份目录恢复：先核对清单和校验值，再写入空数据库和空的媒体目录。恢复前请停止网站和任务队列。"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="backup_site 写出的备份目录")

    def handle(self, *args, directory, **options):
        try:
            manifest = restore(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"已从 {directory} 恢复（备份于 {manifest['created_at']}）。请运行 manage.py migrate "
                "以补上备份之后新增的数据库变更，然后启动网站和任务队列。"
            )
        )
