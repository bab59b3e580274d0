"""Statistics releases made from what other apps register (home.registries.statistics): the year's
figures become a draft release under the disclosures column, which staff check and submit to the
normal review. Run again, it replaces the draft's figures in a new revision."""

from django.db import transaction

from home.registries.statistics import StatisticsSource

from .dataset import ParsedRow, import_rows
from .models import DisclosureIndexPage, PeriodType, PublishingUnit, ReleaseKind, StatisticsReleasePage


def default_unit(source: StatisticsSource) -> PublishingUnit | None:
    units = PublishingUnit.objects.all()
    hinted = (
        units.filter(name__contains=source.unit_name_contains).first() if source.unit_name_contains else None
    )
    return hinted or units.first()


def default_index() -> DisclosureIndexPage | None:
    from wagtail.models import Locale

    return DisclosureIndexPage.objects.filter(locale=Locale.get_default()).first()


def generate_release(
    source: StatisticsSource, year: int, *, index: DisclosureIndexPage, unit: PublishingUnit, user=None
) -> StatisticsReleasePage:
    slug = f"{source.key}-{year}"
    rows = [ParsedRow(r.indicator, r.value, r.unit, r.note) for r in source.rows(year)]
    with transaction.atomic():
        page = StatisticsReleasePage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            page = StatisticsReleasePage(
                title=f"{year}年{source.title}",
                slug=slug,
                kind=ReleaseKind.CUSTOM,
                year=year,
                period_type=PeriodType.YEAR,
                publishing_unit=unit,
                intro=f"<p>{source.intro}</p>" if source.intro else "",
                summary=f"{year}年{source.title}（汇总数据）。",
                live=False,
                owner=user,
            )
            index.add_child(instance=page)
        import_rows(page, rows, user=user)  # a draft: it goes through the review like any release
    return page
