"""python manage.py import_penalties FILE --unit NAME [--json]: a unit's 行政处罚决定 from its
spreadsheet, in this process (clues/penalty_import.py). Exit 1 when a row was refused (the good
rows are imported all the same), 2 when the unit or the file cannot be found."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q


class Command(BaseCommand):
    help = "导入一个成员单位的行政处罚决定（XLSX 或 CSV）；同一文件重复导入不会重复登记。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="XLSX 或 CSV 文件")
        parser.add_argument("--unit", required=True, help="成员单位的单位名称或简称")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        from internal.models import MemberUnit

        from ...penalty_import import import_penalties

        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}", returncode=2)
        name = options["unit"].strip()
        unit = MemberUnit.objects.filter(Q(name=name) | Q(short_name=name)).first()
        if unit is None:
            raise CommandError(f"没有名称或简称为“{name}”的成员单位。", returncode=2)
        result = import_penalties(unit, path.name, path.read_bytes())
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            self.stdout.write(f"{unit.name}：导入 {result.imported} 条，已有而跳过 {result.skipped} 条。")
            for error in result.errors:
                self.stderr.write(error["message"])
            for note in result.notes:
                self.stdout.write(f"表尾说明（未导入）：{note}")
        if result.errors:
            raise SystemExit(1)
