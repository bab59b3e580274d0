from django.core.management.base import BaseCommand, CommandError

from home.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "备份整个站点到一个新目录：数据库（SQLite 在线备份或 pg_dump）、公开媒体文件、内部文件，附校验清单。"
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="备份目录（不存在或为空）")

    def handle(self, *args, directory, **options):
        try:
            manifest = backup(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = manifest["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"已备份到 {directory}：{manifest['database']} 数据库，{counts['pages']} 个页面、"
                f"{counts['revisions']} 个版本、{counts['images']} 张图片、{counts['documents']} 份文件、"
                f"{counts['users']} 个账号；{len(manifest['files'])} 个文件均已记录校验值。"
            )
        )
