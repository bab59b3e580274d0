"""python manage.py clue_stats --year YYYY [--month M] [--json]: the 案情通报's figures (clues/report.py)
for the whole county — the same numbers the admin's report and its XLSX show."""

import json

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "府检线索互通案情通报：移送、立案、不立案、监督立案、检察意见及按期回复、公益诉讼线索、以罚代刑筛查，按单位统计。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="年度，例如 2026")
        parser.add_argument("--month", type=int, help="月份 1–12；不填为全年")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        from ...report import KEYS, LABELS, figures, rate

        year, month = options["year"], options["month"]
        if not 2000 <= year <= 2100:
            raise CommandError(f"年度无效：{year}。")
        if month is not None and not 1 <= month <= 12:
            raise CommandError(f"月份无效：{month}（应为 1–12）。")
        result = figures(year, month)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(f"府检线索互通案情通报（{year}年{f'{month}月' if month else '全年'}）")
        for key in KEYS:
            self.stdout.write(f"  {LABELS[key]}：{result[key]}")
        self.stdout.write(f"  按期移送率：{rate(result['transfers_on_time'], result['transfers'])}")
        self.stdout.write(
            f"  检察意见按期回复率：{rate(result['opinions_replied_on_time'], result['opinions'])}"
        )
        for name, counts in result["by_unit"].items():
            line = "，".join(f"{LABELS[key]} {n}" for key, n in counts.items() if n)
            self.stdout.write(f"  · {name}：{line or '无'}")
