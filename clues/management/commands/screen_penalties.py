"""python manage.py screen_penalties [--json]: the 行政处罚决定 at or over a 立案追诉标准 (疑似以罚代刑),
newest first, with the threshold each crossed and the procuratorate's finding if recorded."""

import json

from django.core.management.base import BaseCommand

from home.spreadsheets import plain_number


class Command(BaseCommand):
    help = "列出疑似以罚代刑的行政处罚决定（涉案数额达到立案追诉标准）。"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        from ...models import PenaltyDecision
        from ...screening import screen

        rows = []
        for decision, thresholds in screen(PenaltyDecision.objects.all()):
            review = getattr(decision, "review", None)
            rows.append(
                {
                    "number": decision.number,
                    "cause": decision.cause,
                    "amount": plain_number(decision.amount),
                    "unit": decision.amount_unit,  # the amount's unit, as given (元, 万元, 亩 …)
                    "member_unit": decision.unit.name,
                    "party": decision.party,
                    "decided_on": decision.decided_on.isoformat(),
                    "threshold": "；".join(str(t) for t in thresholds),
                    "legal_basis": "；".join(t.legal_basis for t in thresholds),
                    "finding": review.get_finding_display() if review else "",
                }
            )
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        if not rows:
            self.stdout.write("没有达到立案追诉标准的行政处罚决定。")
        for row in rows:
            self.stdout.write(
                f"{row['number']}　{row['member_unit']}　{row['cause']}　{row['amount']}{row['unit']}"
                f"　≥ {row['threshold']}　{row['finding'] or '待筛查'}"
            )
