"""The 以罚代刑 screen (issue 28, part 2): decisions at and over a 立案追诉标准 are flagged in whatever
unit they are given, none under; a unit's spreadsheet imports by the statistics import's rules with
row-numbered errors while its good rows still import, and twice adds nothing; natural persons'
names are masked on entry; the two commands print what the issue's tools read."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from clues.measures import threshold_in
from clues.models import PenaltyDecision, ProsecutionThreshold
from clues.parties import mask_party
from clues.penalty_import import import_penalties
from clues.screening import flagged, screen
from tests.factories import MemberUnitFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 9, 1)


def decide(unit, number, cause, amount, amount_unit):
    return PenaltyDecision.objects.create(
        unit=unit,
        number=number,
        cause=cause,
        party="某某商贸有限公司",
        amount=None if amount is None else Decimal(amount),
        amount_unit=amount_unit,
        penalty="罚款",
        decided_on=DAY,
    )


# (案由, amount, unit, flagged?) — the seeded thresholds: 伪劣产品 50,000 元; 永久基本农田 5 亩;
# other 耕地 10 亩; 防护林地 5 亩; other 林地 10 亩.
PLANTED = [
    ("销售伪劣产品", "50000", "元", True),  # at the threshold: 以上 includes it
    ("销售伪劣产品", "49999.99", "元", False),
    ("以次充好销售化肥", "5", "万元", True),
    ("以次充好销售化肥", "4.9999", "万元", False),
    ("以假充真销售白酒", "0.0005", "亿元", True),
    ("销售伪劣产品", "80000", "平方米", False),  # not money: another measure never compares
    ("非法占用永久基本农田建房", "5", "亩", True),
    ("非法占用永久基本农田建房", "4.99", "亩", False),
    ("非法占用永久基本农田堆放砂石", "3333.3334", "平方米", True),  # 5 亩 = 3333⅓ 平方米
    ("非法占用永久基本农田堆放砂石", "3333.3333", "平方米", False),
    ("非法占用耕地建厂房", "0.6667", "公顷", True),  # 10 亩 = ⅔ 公顷
    ("非法占用耕地建厂房", "0.6666", "公顷", False),
    ("非法占用耕地建厂房", "9", "亩", False),
    ("非法占用防护林地修路", "5", "亩", True),
    ("非法占用林地采石", "6", "亩", False),  # other 林地: 10 亩
    ("非法占用林地采石", "10", "亩", True),
    ("超限运输", "900", "吨", False),  # no threshold names it
    ("销售伪劣产品", None, "", False),  # no amount: nothing to compare
]


def test_the_screen_flags_exactly_the_decisions_at_and_over_a_threshold_in_their_own_units():
    unit = MemberUnitFactory(name="永昌县市场监督管理局")
    expected = set()
    for i, (cause, amount, amount_unit, flag) in enumerate(PLANTED):
        decision = decide(unit, f"永市监罚〔2026〕{i + 1}号", cause, amount, amount_unit)
        if flag:
            expected.add(decision.number)
    assert set(flagged(PenaltyDecision.objects.all()).values_list("number", flat=True)) == expected
    rows = screen(PenaltyDecision.objects.all())
    assert {d.number for d, _ in rows} == expected
    for decision, thresholds in rows:
        assert thresholds, decision.number  # each names the threshold it crossed


def test_a_threshold_changed_today_rescreens_everything_at_once():
    unit = MemberUnitFactory()
    decide(unit, "永市监罚〔2026〕1号", "销售伪劣产品", "30000", "元")
    assert not flagged(PenaltyDecision.objects.all()).exists()
    ProsecutionThreshold.objects.filter(measure="销售金额").update(threshold=Decimal("30000"))
    assert flagged(PenaltyDecision.objects.all()).count() == 1
    ProsecutionThreshold.objects.filter(measure="销售金额").update(is_active=False)
    assert not flagged(PenaltyDecision.objects.all()).exists()


@pytest.mark.parametrize(
    ("value", "unit", "other", "expected"),
    [
        ("5", "亩", "平方米", "3333.3334"),
        ("10", "亩", "公顷", "0.6667"),
        ("50000", "元", "万元", "5.0000"),
        ("50000", "元", "元", "50000.0000"),
        ("1", "吨", "千克", "1000.0000"),
        ("1", "吨", "公斤", "1000.0000"),
        ("500", "克", "千克", "0.5000"),
    ],
)
def test_thresholds_convert_exactly_and_round_up(value, unit, other, expected):
    assert threshold_in(Decimal(value), unit, other) == Decimal(expected)


@pytest.mark.parametrize(
    ("party", "shown"),
    [
        ("张三", "张某"),
        ("张三丰", "张某某"),
        ("欧阳明月", "欧阳某某"),
        (" 李四 ", "李某"),
        ("张某", "张某"),  # already masked
        ("永昌县某某商贸有限公司", "永昌县某某商贸有限公司"),
        ("金川区好又多超市", "金川区好又多超市"),
        ("城关镇红星养殖场", "城关镇红星养殖场"),
        ("王五（个体工商户）", "王五（个体工商户）"),  # not a bare name: left for the guard's review
        ("", ""),
    ],
)
def test_a_natural_persons_name_is_masked_on_entry(party, shown):
    assert mask_party(party) == shown


def test_a_decision_saved_through_any_path_keeps_no_full_name():
    unit = MemberUnitFactory()
    decision = PenaltyDecision.objects.create(
        unit=unit, number="1", cause="销售伪劣产品", party="赵六", penalty="罚款", decided_on=DAY
    )
    decision.refresh_from_db()
    assert decision.party == "赵某"


def _sheet(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


MONTHLY = [
    ["永昌县市场监督管理局2026年9月行政处罚案件录入表"],
    ["填报单位：永昌县市场监督管理局"],
    ["处罚决定书文号", "案由", "当事人", "涉案数额", None, "处罚内容", "决定日期"],
    [None, None, None, "数额", "计量单位", None, None],
    [
        "永市监罚〔2026〕101号",
        "销售伪劣产品（化肥）",
        "张三",
        62000,
        "元",
        "罚款10万元，没收违法所得",
        datetime.date(2026, 9, 3),
    ],
    ["永市监罚〔2026〕102号", "销售过期食品", "某某超市", "800", "元", "警告", "2026年9月5日"],
    ["永市监罚〔2026〕103号", "以次充好", "李四", "三万", "元", "罚款", "2026-09-06"],  # bad amount
    ["永市监罚〔2026〕104号", "无照经营", "王五", None, None, "责令停业", "九月七日"],  # bad date
    ["永市监罚〔2026〕105号", "销售伪劣产品", "赵六", "5.2万元", None, "罚款", "2026/9/8"],
    ["永市监罚〔2026〕101号", "重复登记", "钱七", 1, "元", "警告", "2026-09-09"],  # repeated number
    ["永市监罚〔2026〕106号", "销售伪劣产品", "孙八", 3, "头", "警告", "2026-09-10"],  # unknown unit
    ["制表人：周某", None, "审核人：吴某", None, None, "填报日期：2026年10月8日"],
]


def test_a_monthly_spreadsheet_imports_its_good_rows_and_names_each_bad_one():
    unit = MemberUnitFactory(name="永昌县市场监督管理局", short_name="县市场监管局")
    result = import_penalties(unit, "9月.xlsx", _sheet(MONTHLY))
    assert result.imported == 3 and result.skipped == 0
    assert [error["row"] for error in result.errors] == [7, 8, 10, 11]
    messages = " ".join(error["message"] for error in result.errors)
    for words in ("第7行：D列涉案数额“三万”不是数字", "第8行：G列决定日期“九月七日”无法识别",
                  "第10行：A列决定书文号“永市监罚〔2026〕101号”与第5行重复", "第11行：E列计量单位“头”不在可用单位中"):  # fmt: skip
        assert words in messages, words
    assert result.notes == ["制表人：周某　审核人：吴某　填报日期：2026年10月8日"]
    by_number = {d.number: d for d in PenaltyDecision.objects.all()}
    assert by_number["永市监罚〔2026〕101号"].party == "张某"
    assert by_number["永市监罚〔2026〕105号"].amount == Decimal("5.2")
    assert by_number["永市监罚〔2026〕105号"].amount_unit == "万元"
    assert by_number["永市监罚〔2026〕102号"].decided_on == datetime.date(2026, 9, 5)
    # flagged: 62,000 元 and 5.2 万元 of 伪劣产品; the 800 元 of 过期食品 is not
    assert set(flagged(PenaltyDecision.objects.all()).values_list("number", flat=True)) == {
        "永市监罚〔2026〕101号",
        "永市监罚〔2026〕105号",
    }
    again = import_penalties(unit, "9月.xlsx", _sheet(MONTHLY))
    assert again.imported == 0 and again.skipped == 3
    assert PenaltyDecision.objects.count() == 3


def test_a_file_without_the_needed_columns_says_which_and_imports_nothing():
    unit = MemberUnitFactory()
    result = import_penalties(unit, "x.xlsx", _sheet([["文号", "案由", "当事人"], ["1", "无照经营", "某店"]]))
    assert result.imported == 0
    assert "表头缺少“处罚内容”、“决定日期”列" in result.errors[0]["message"]


def test_the_commands_print_what_other_tools_read(tmp_path, capsys):
    MemberUnitFactory(name="永昌县自然资源局", short_name="县自然资源局")
    path = tmp_path / "自然资源.xlsx"
    path.write_bytes(
        _sheet(
            [
                ["决定书文号", "案由", "当事人", "涉案数额", "计量单位", "处罚内容", "决定日期"],
                [
                    "永自然资罚〔2026〕1号",
                    "非法占用永久基本农田建房",
                    "张三",
                    6,
                    "亩",
                    "责令退还，罚款",
                    "2026-08-01",
                ],
                [
                    "永自然资罚〔2026〕2号",
                    "非法占用耕地建房",
                    "李四",
                    4000,
                    "平方米",
                    "责令退还",
                    "2026-08-02",
                ],
                ["永自然资罚〔2026〕3号", "未批先建", "王五", "", "", "责令改正", "不详"],
            ]
        )
    )
    with pytest.raises(SystemExit) as exit_code:
        call_command("import_penalties", str(path), "--unit", "县自然资源局", "--json")
    assert exit_code.value.code == 1
    printed = json.loads(capsys.readouterr().out)
    assert printed["imported"] == 2 and printed["skipped"] == 0
    assert printed["errors"][0]["row"] == 4 and "决定日期" in printed["errors"][0]["message"]

    call_command("screen_penalties", "--json")
    listed = json.loads(capsys.readouterr().out)
    assert [row["number"] for row in listed] == ["永自然资罚〔2026〕1号"]  # 4000 平方米 < 10 亩
    assert listed[0]["amount"] == 6 and listed[0]["unit"] == "亩"
    assert "5亩以上" in listed[0]["threshold"] and listed[0]["cause"] == "非法占用永久基本农田建房"

    with pytest.raises(SystemExit):
        call_command("import_penalties", str(path), "--unit", "永昌县自然资源局", "--json")
    assert json.loads(capsys.readouterr().out)["imported"] == 0  # the same file again adds nothing


def test_an_unknown_unit_or_file_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有名称或简称为“不存在的局”的成员单位"):
        call_command("import_penalties", __file__, "--unit", "不存在的局")
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("import_penalties", "/nonexistent.xlsx", "--unit", "x")


def test_the_screen_costs_the_same_at_10_and_200_decisions():
    unit = MemberUnitFactory()

    def queries(count):
        PenaltyDecision.objects.all().delete()
        PenaltyDecision.objects.bulk_create(
            PenaltyDecision(unit=unit, number=str(i), cause="销售伪劣产品", party="某公司", amount=60000 + i,
                            amount_unit="元", penalty="罚款", decided_on=DAY)
            for i in range(count)
        )  # fmt: skip
        with CaptureQueriesContext(connection) as captured:
            assert len(screen(PenaltyDecision.objects.all())) == count
        return len(captured)

    assert queries(10) == queries(200)
