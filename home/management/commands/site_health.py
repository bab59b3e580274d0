import json

from django.core.management.base import BaseCommand

from home.operations.self_check import render_text, run_checks


class Command(BaseCommand):
    help = (
        "网站自查（政府网站普查）：首页和栏目更新、空白栏目、失效链接、依申请公开正文、未答复咨询、个人信息。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出，供监控或其他工具读取")
        parser.add_argument(
            "--fail", action="store_true", help="发现问题时以退出码 1 结束（用于定时任务告警）"
        )

    def handle(self, *args, **options):
        report = run_checks()
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_text(report), ending="")
        if options["fail"] and not report.ok:
            raise SystemExit(1)
