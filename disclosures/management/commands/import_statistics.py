"""The admin's import, from the command line: manage.py import_statistics <page id> <file> [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosures.dataset import MAX_BYTES, import_rows, parse
from disclosures.models import StatisticsReleasePage


class Command(BaseCommand):
    help = (
        "把 XLSX 或 CSV 文件导入一个数据发布页面：整份文件检查无误才保存（保存为草稿）；有错误时退出码非零。"
    )

    def add_arguments(self, parser):
        parser.add_argument("page_id", type=int)
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不保存")
        parser.add_argument("--publish", action="store_true", help="导入后直接发布")

    def handle(self, page_id, file, dry_run=False, publish=False, **options):
        source = Path(file)
        if not source.is_file():
            raise CommandError(f"找不到文件：{file}")
        with source.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        result = parse(source.name, data)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(f"文件有 {len(result.errors)} 处问题，未导入任何数据。")
        page = StatisticsReleasePage.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(f"没有 id 为 {page_id} 的数据发布页面。")
        if dry_run:
            self.stdout.write(f"检查通过：{len(result.rows)} 行（未保存）。")
            return
        import_rows(page, result.rows, publish=publish)
        state = "已发布" if publish else "已保存为草稿"
        self.stdout.write(self.style.SUCCESS(f"已导入 {len(result.rows)} 行到“{page.title}”，{state}。"))
