"""python manage.py import_hotline FILE [--source 12345|12309] [--json]: a month's export imported
in-process with the source's remembered mapping (or one found from the header names); prints
imported, updated, skipped, masked (by kind) and errors (by the sheet's row numbers)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "导入12345或12309工单（XLSX或CSV），个人信息在保存前隐去；按工单编号新增或更新。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--source", default="12345", choices=["12345", "12309"])
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        from home.table_files import TableFileError

        from ...models import ColumnMapping
        from ...ticket_import import import_sheet, read_sheet

        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        remembered = (
            ColumnMapping.objects.filter(source=options["source"]).values_list("mapping", flat=True).first()
        )
        try:
            sheet = read_sheet(path.name, path.read_bytes(), remembered)
        except TableFileError as exc:
            raise CommandError(str(exc)) from exc
        result = import_sheet(sheet, options["source"])
        data = {
            "imported": result.imported,
            "updated": result.updated,
            "skipped": result.skipped,
            "masked": dict(result.masked),
            "errors": result.errors,
        }
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        else:
            masked = "，".join(f"{kind} {n}" for kind, n in result.masked.items()) or "无"
            self.stdout.write(
                f"新增 {result.imported} 件，更新 {result.updated} 件，未变 {result.skipped} 件；隐去个人信息：{masked}。"
            )
            for error in result.errors:
                self.stdout.write(error["message"])
        if result.errors:
            raise SystemExit(1)
