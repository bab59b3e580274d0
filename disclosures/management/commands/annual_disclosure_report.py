"""政府信息公开年度报告 tables for a year and a publishing unit (the same figures the report page
shows): `--json` prints the tables keyed by row and column, the consistency problems, and
`national_form`: each table cell by cell as 国办公开办函〔2021〕30号 prints it (labels, merged cells,
figures with their keys)."""

import json

from django.core.management.base import BaseCommand, CommandError

from ...annual_report import (
    COLUMN_LABELS,
    COLUMNS,
    ROW_LABELS,
    annual_tables,
    consistency_problems,
    national_forms,
)
from ...models import AnnualReportPage, PublishingUnit


class Command(BaseCommand):
    help = "生成政府信息公开年度报告的统计表（表二、表三、表四），--json 输出 JSON。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", required=True, help="发布机构的统一社会信用代码")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, year=None, unit=None, **options):
        publishing_unit = PublishingUnit.objects.filter(code=unit).first()
        if publishing_unit is None:
            raise CommandError(f"没有统一社会信用代码为“{unit}”的发布机构。")
        report = AnnualReportPage.objects.filter(year=year, publishing_unit=publishing_unit).first()
        entered = (
            {
                "permits": report.permits,
                "penalties": report.penalties,
                "coercion": report.coercion,
                "fees": str(report.fees),
            }
            if report
            else {}
        )
        tables = annual_tables(year, publishing_unit, entered)
        problems = consistency_problems(tables)
        if options["json"]:
            forms = {
                key: [[cell.as_json() for cell in row] for row in rows]
                for key, rows in national_forms(tables).items()
            }
            document = {**tables, "problems": problems, "national_form": forms}
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{year}年政府信息公开年度报告统计表（{publishing_unit.name}）")
        self.stdout.write("表三 " + " | ".join(COLUMN_LABELS[c] for c in COLUMNS))
        for key, label in ROW_LABELS.items():
            self.stdout.write(f"  {label}：" + " | ".join(str(tables["table_3"][key][c]) for c in COLUMNS))
        self.stdout.write("一致性检查：" + ("通过" if not problems else "；".join(problems)))
