"""案情通报 = a hand count: last year's clues and decisions, planted with the edge cases (a transfer
sent 25 hours after approval, an approval on the fourth day, a reply two months and a day after
delivery, a police decision in January on a December transfer), counted by `clue_stats` and the
admin's report alike — by the year, by a month and by unit."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from clues.lives import ClueKind
from clues.models import Clue, ClueStep, PenaltyDecision, PenaltyReview
from clues.register import open_clue, record_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_year(register_people, today):
    p, u = register_people, register_people["units"]
    y = today.year - 1
    boss = p["procuratorate"]

    def d(month, day, year=y):
        return datetime.date(year, month, day)

    def make(kind, unit, steps, **fields):
        code, on, at, *_ = steps[0]
        fields.setdefault("title", f"{kind}{on}")
        clue = open_clue(Clue(kind=kind, unit=u.get(unit), **fields), on, boss, at=at)
        for code, on, at, *notes in steps[1:]:
            record_step(clue, ClueStep(code=code, on=on, at=at, notes=notes[0] if notes else ""), boss)
        return clue

    t9, t10, t11 = datetime.time(9), datetime.time(10), datetime.time(11)
    police = {"police_unit": u["police"]}
    make(
        ClueKind.TRANSFER,
        "market",
        [
            ("reported", d(3, 1), None),
            ("approved", d(3, 2), t9),
            ("transferred", d(3, 3), datetime.time(8)),
            ("filed", d(3, 5), None),
        ],
        **police,
    )
    make(ClueKind.TRANSFER, "market", [("reported", d(3, 10), None), ("approved", d(3, 14), t9), ("transferred", d(3, 15), t9),
         ("declined", d(3, 17), None, "不构成犯罪"), ("supervision", d(3, 25), None), ("explained", d(3, 30), None, "理由"),
         ("notified", d(4, 5), None), ("supervised_filed", d(4, 10), None)], **police)  # fmt: skip
    make(
        ClueKind.TRANSFER,
        "land",
        [
            ("reported", d(6, 1), None),
            ("approved", d(6, 1), t10),
            ("transferred", d(6, 2), t11),
            ("declined", d(6, 4), None, "不构成犯罪"),
        ],
        **police,
    )
    make(
        ClueKind.TRANSFER,
        "land",
        [
            ("reported", d(12, 20, y - 1), None),
            ("approved", d(12, 21, y - 1), t9),
            ("transferred", d(12, 21, y - 1), t11),
            ("filed", d(1, 2), None),
        ],
        **police,
    )
    make(
        ClueKind.OPINION,
        "land",
        [
            ("registered", d(2, 1), None),
            ("opinion_delivered", d(2, 10), None),
            ("replied_punished", d(4, 10), None, "罚款"),
        ],
    )
    make(
        ClueKind.OPINION,
        "market",
        [
            ("registered", d(5, 1), None),
            ("opinion_delivered", d(5, 5), None),
            ("replied_not_punished", d(7, 6), None, "理由"),
        ],
    )
    make(ClueKind.PUBLIC_INTEREST, None, [("received", d(4, 1), None)], source="12345")
    make(
        ClueKind.PUBLIC_INTEREST,
        "market",
        [("received", d(4, 20), None), ("not_opened", d(5, 1), None, "理由")],
        source="agency",
    )
    make(ClueKind.DISCIPLINE, None, [("found", d(4, 2), None)], title="")
    for number, amount, finding in (("1", 90000, "transfer"), ("2", 70000, ""), ("3", 1000, "")):
        decision = PenaltyDecision.objects.create(
            unit=u["market"], number=f"永市监罚〔{y}〕{number}号", cause="销售伪劣产品", party="某公司",
            amount=amount, amount_unit="元", penalty="罚款", decided_on=d(8, 1),
        )  # fmt: skip
        if finding:
            PenaltyReview.objects.create(
                decision=decision, finding=finding, reasons="已达标准", reviewed_on=d(8, 3)
            )
    return y


YEAR = {"transfers": 3, "transfers_on_time": 1, "police_accepted": 3, "police_declined": 2, "supervised": 1,
        "opinions": 2, "opinions_replied_on_time": 1, "public_interest_clues": 2, "penalty_decisions": 3,
        "flagged": 2, "flagged_transferred": 1}  # fmt: skip
MARCH = {
    **dict.fromkeys(YEAR, 0),
    "transfers": 2,
    "transfers_on_time": 1,
    "police_accepted": 1,
    "police_declined": 1,
    "supervised": 1,
}
MARKET = {**dict.fromkeys(YEAR, 0), "transfers": 2, "transfers_on_time": 1, "police_accepted": 2, "police_declined": 1,
          "supervised": 1, "opinions": 1, "public_interest_clues": 1, "penalty_decisions": 3, "flagged": 2, "flagged_transferred": 1}  # fmt: skip


def stats(*args):
    out = io.StringIO()
    call_command("clue_stats", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_clue_stats_equals_the_hand_count(last_year):
    year = stats("--year", str(last_year))
    assert {key: year[key] for key in YEAR} == YEAR
    assert year["by_unit"]["永昌县市场监督管理局"] == MARKET
    assert year["by_unit"][next(k for k in year["by_unit"] if "无单位" in k)]["public_interest_clues"] == 1
    assert year["public_interest_by_source"] == {"12345政务服务便民热线": 1, "行政机关移送": 1}
    march = stats("--year", str(last_year), "--month", "3")
    assert {key: march[key] for key in YEAR} == MARCH
    assert stats("--year", str(last_year - 1))["transfers"] == 1


def test_the_admin_report_and_its_workbook_show_the_same_figures(client, register_people, last_year):
    client.force_login(register_people["office"])
    page = client.get(f"/admin/clues/report/?year={last_year}&month=").content.decode()
    assert "按期移送率：33.3%" in page and "按期回复率：50.0%" in page
    book = client.get(f"/admin/clues/report/?year={last_year}&month=&export=xlsx")
    rows = list(load_workbook(io.BytesIO(book.content)).active.iter_rows(values_only=True))
    total = next(row for row in rows if row[0] == "合计")
    assert list(total[1:]) == list(YEAR.values())


@pytest.mark.parametrize(
    "args", [("--year", "20266"), ("--year", "2026", "--month", "13"), ("--year", "2026", "--month", "0")]
)
def test_clue_stats_refuses_an_impossible_period_in_chinese(db, args):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="无效"):
        call_command("clue_stats", *args)


def test_the_public_release_carries_county_totals_only(site_tree, last_year):
    from disclosures.models import StatisticsReleasePage
    from tests.factories import PublishingUnitFactory

    PublishingUnitFactory(name="永昌县人民检察院", code="116203210138580002")
    call_command("generate_statistics_release", "--source", "clues", "--year", str(last_year))
    page = StatisticsReleasePage.objects.get(slug=f"clues-{last_year}")
    assert not page.live  # a draft: it goes public only through the review
    draft = page.get_latest_revision_as_object()
    rows = {row.indicator: row.value for row in draft.rows.all()}
    assert rows["行政执法机关移送涉嫌犯罪案件"] == 3 and rows["检察机关立案监督"] == 1
    assert str(rows["移送案件按期移送率"]) == "33.3"
    text = " ".join(rows) + draft.intro
    assert "市场监督" not in text and "自然资源" not in text and "府检线索〔" not in text


def test_the_kept_report_follows_a_newly_recorded_step(client, register_people, last_year):
    client.force_login(register_people["office"])
    url = f"/admin/clues/report/?year={last_year}&month="
    assert "按期移送率：33.3%" in client.get(url).content.decode()
    clue = open_clue(
        Clue(kind=ClueKind.TRANSFER, title="涉嫌非法采砂", unit=register_people["units"]["land"],
             police_unit=register_people["units"]["police"]),
        datetime.date(last_year, 9, 1), register_people["procuratorate"],
    )  # fmt: skip
    for code, day in (("approved", 1), ("transferred", 2)):
        record_step(
            clue,
            ClueStep(code=code, on=datetime.date(last_year, 9, day), at=datetime.time(9)),
            register_people["land"],
        )
    assert "按期移送率：50.0%" in client.get(url).content.decode()
