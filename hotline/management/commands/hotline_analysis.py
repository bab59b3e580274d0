"""python manage.py hotline_analysis --month YYYY-MM [--json]: the month's 研判 (hotline/analysis.py):
total, by_field, by_township, hot_words and clusters (township, field, count, first, last, tickets)."""

import datetime
import json
import re

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "民生诉求研判：某月工单按公益诉讼领域、乡镇统计，热词，类案预警。"

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="月份，例如 2026-11")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        from ...analysis import analyse, as_json, month_range

        match = re.fullmatch(r"(\d{4})-(\d{1,2})", options["month"].strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise CommandError(f"月份无效：{options['month']}（应写成 2026-11）。")
        month = datetime.date(int(match.group(1)), int(match.group(2)), 1)
        result = analyse(*month_range(month, month))
        data = as_json(result)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(f"{month:%Y年%m月}工单 {data['total']} 件")
        for label, n in data["by_field"].items():
            self.stdout.write(f"  {label}：{n}")
        self.stdout.write("热词：" + "、".join(f"{w['word']}({w['count']})" for w in data["hot_words"]))
        for cluster in data["clusters"]:
            self.stdout.write(
                f"类案预警：{cluster['township']} {cluster['field']} {cluster['count']} 件"
                f"（{cluster['first']} 至 {cluster['last']}）：{'、'.join(cluster['tickets'])}"
            )
