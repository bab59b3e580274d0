"""The year's 检察建议 figures (法治政府建设考核), the same as the admin's 办理情况统计."""

import json as jsonlib

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from internal.models import RecommendationKind
from internal.recommendations import FIGURE_KEYS, FIGURE_LABELS, year_figures

RATES = ("on_time_rate", "adoption_rate", "rectified_rate", "average_reply_days")


class Command(BaseCommand):
    help = (
        "按签发年度统计检察建议办理情况（制发、回复、按期回复、采纳、整改到位、异议、督促、通报、约谈等）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None, help="签发年度，默认今年")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出（by_unit 按被建议单位）")
        parser.add_argument(
            "--kind",
            choices=list(RecommendationKind.values),
            help="只统计一种文书：recommendation 检察建议、reminder 提醒函、opinion 检察意见（默认全部）",
        )

    def handle(self, *args, year=None, json=False, kind=None, **options):
        year = year or timezone.localdate().year
        if not 2000 <= year <= 2100:
            raise CommandError(f"年度“{year}”无效。")
        data = year_figures(year, kind=kind)
        if json:
            self.stdout.write(_dumps(data))
            return
        what = RecommendationKind(kind).label if kind else "检察建议（含提醒函、检察意见）"
        self.stdout.write(f"{year}年{what}办理情况（共{data['issued']}件）")
        for key in (*FIGURE_KEYS, *RATES):
            value = data[key]
            shown = "—" if value is None else (f"{value}%" if key.endswith("_rate") else value)
            self.stdout.write(f"  {FIGURE_LABELS[key]}：{shown}")
        for row in data["by_unit"]:
            self.stdout.write(
                f"  · {row['unit']}：制发{row['issued']}，已回复{row['replied']}，逾期未回复{row['overdue_unreplied']}，"
                f"整改到位{row['rectified']}"
            )


def _dumps(data) -> str:
    return jsonlib.dumps(data, ensure_ascii=False, indent=2)
