"""Make (or refresh) the draft statistics release of a registered source for a year."""

from django.core.management.base import BaseCommand, CommandError

from home.registries.statistics import source, statistics_sources

from ...models import PublishingUnit
from ...releases import default_index, default_unit, generate_release


class Command(BaseCommand):
    help = "按年度把台账汇总数字生成数据发布草稿（例如 --source recommendations：检察建议办理情况）。"

    def add_arguments(self, parser):
        parser.add_argument("--source", required=True, help="、".join(s.key for s in statistics_sources))
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", help="发布机构的统一社会信用代码（默认按数据来源选择）")

    def handle(self, *args, source=None, year=None, unit=None, **options):
        found = _source(source)
        index = default_index()
        if index is None:
            raise CommandError("还没有“信息公开”栏目。")
        publishing_unit = PublishingUnit.objects.filter(code=unit).first() if unit else default_unit(found)
        if publishing_unit is None:
            raise CommandError(f"没有统一社会信用代码为“{unit}”的发布机构。" if unit else "还没有发布机构。")
        page = generate_release(found, year, index=index, unit=publishing_unit)
        self.stdout.write(
            f"已生成草稿“{page.title}”（{len(found.rows(year))} 项数字），请在后台核对后提交审核。"
        )


def _source(key):
    found = source(key)
    if found is None:
        raise CommandError(f"没有数据来源“{key}”；可用：{'、'.join(s.key for s in statistics_sources)}。")
    return found
