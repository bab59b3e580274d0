"""The monthly export in three real layouts (a title row and one header row; a merged two-row
header; a GB18030 CSV with other names): the columns found, every personal value removed before it
is stored — then the whole database, the media roots and the logs searched for each planted value
— the masked values counted by kind, bad rows named by the sheet's own numbers, a month imported
again updating rather than duplicating, and the uploaded file gone after the import."""

import io
import json
import logging
import os

import pytest
from django.apps import apps
from django.core.management import call_command

from hotline.models import Ticket
from hotline.ticket_import import import_sheet, read_sheet

from .exports import PLANTED, gb18030_csv, one_row_header_xlsx, two_row_header_xlsx

pytestmark = pytest.mark.django_db

LAYOUTS = [
    ("12345-2026-11.xlsx", one_row_header_xlsx, "12345"),
    ("12345-two-row.xlsx", two_row_header_xlsx, "12345"),
    ("12309-2026-11.csv", gb18030_csv, "12309"),
]


def every_text_in_the_database() -> str:
    """Every text and JSON column of every model's own table, as the database holds it."""
    parts = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue  # their rows are another model's table
        names = [
            f.attname
            for f in model._meta.local_concrete_fields
            if f.get_internal_type() in ("CharField", "TextField", "JSONField")
        ]
        if names:
            parts += [str(value) for row in model._base_manager.values_list(*names) for value in row if value]
    return "\n".join(parts)


def every_file_under(*roots) -> str:
    texts = []
    for root in roots:
        for folder, _, files in os.walk(root):
            for name in files:
                with open(os.path.join(folder, name), "rb") as handle:
                    texts.append(handle.read().decode("utf-8", errors="ignore"))
    return "\n".join(texts)


def forms_of(value: str) -> list[str]:
    """A planted value as it might be found: as written, without separators, half-width."""
    import unicodedata

    plain = unicodedata.normalize("NFKC", value)
    return {value, plain, plain.replace(" ", "").replace("-", "").replace("·", "")}


@pytest.mark.parametrize("name,make,source", LAYOUTS)
def test_each_layout_imports_with_nothing_personal_kept(name, make, source, tmp_path, settings, caplog):
    caplog.set_level(logging.DEBUG)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    path = tmp_path / name
    path.write_bytes(make())
    out = io.StringIO()
    call_command("import_hotline", str(path), "--source", source, "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert (result["imported"], result["updated"], result["errors"]) == (5, 0, [])
    assert result["masked"]["手机号码"] >= 1 and result["masked"]["居民身份证号码"] == 2
    assert result["masked"]["银行卡号"] == 1 and result["masked"]["车牌号码"] == 1
    if source == "12345":  # the CSV layout has no house number in its columns other than the content
        assert result["masked"]["门牌号"] == 1 and result["masked"]["固定电话"] == 1
    stored = Ticket.objects.get(number__endswith="0002")
    assert stored.township == "河西堡镇" and stored.received_on.isoformat() == "2026-11-02"
    assert "过期食品" in stored.content and stored.get_field_display() == "食品药品安全"
    assert "〔身份证号已隐去〕" in stored.content

    database = every_text_in_the_database()
    files = every_file_under(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
    logs = caplog.text
    for kind, value in PLANTED.items():
        for form in forms_of(value):
            assert form not in database, (kind, form)
            assert form not in files, (kind, form)
            assert form not in logs, (kind, form)


def test_the_same_month_again_updates_and_never_duplicates(tmp_path):
    sheet = read_sheet("a.xlsx", one_row_header_xlsx())
    first = import_sheet(sheet, "12345")
    again = import_sheet(read_sheet("a.xlsx", one_row_header_xlsx()), "12345")
    assert (first.imported, again.imported, again.updated, again.skipped) == (5, 0, 0, 5)
    ticket = Ticket.objects.get(number="GD202611010002")
    ticket.status = "办理中（旧）"
    ticket.save()
    third = import_sheet(read_sheet("a.xlsx", one_row_header_xlsx()), "12345")
    assert (third.imported, third.updated) == (0, 1)
    assert Ticket.objects.count() == 5 and Ticket.objects.get(number="GD202611010002").status == "办理中"


def test_bad_rows_are_named_by_the_sheets_own_numbers_and_the_rest_import():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["工单明细"])
    sheet.append(["工单编号", "受理时间", "问题描述", "所属乡镇"])
    sheet.append(["A1", "2026-11-01", "河道倾倒垃圾", "城关镇"])
    sheet.append(["", "2026-11-01", "没有编号", "城关镇"])
    sheet.append(["A3", "十一月一日", "日期写错", "城关镇"])
    sheet.append(["A4", "2026-02-30", "不存在的日期", "城关镇"])
    sheet.append(["A5", "2026-11-02", "", "城关镇"])
    sheet.append(["A6", "2026-11-02", "噪声扰民'; DROP TABLE hotline_ticket; --", "城关镇"])
    data = io.BytesIO()
    book.save(data)
    result = import_sheet(read_sheet("b.xlsx", data.getvalue()), "12345")
    assert result.imported == 2
    assert [e["row"] for e in result.errors] == [4, 5, 6, 7]
    assert "第5行：来电时间无法识别（十一月一日）" in result.errors[1]["message"]
    assert all(e["message"].startswith("第") for e in result.errors)


# A clerk's labels for a sample of 工单 (the field they would file each under, or none).
LABELLED = [
    ("北海子河道上游有人倾倒建筑垃圾，河水发臭", "生态环境和资源保护"),
    ("学校周边小卖部销售过期食品，学生吃了拉肚子", "食品药品安全"),
    ("村里有人冒领去世老人的养老金", "国有财产保护"),
    ("老旧小区燃气管道锈蚀，存在安全隐患", "安全生产"),
    ("网吧允许未成年人上网过夜", "未成年人保护"),
    ("快递公司泄露个人信息，天天接到骚扰电话", "个人信息保护"),
    ("烈士陵园围墙倒塌无人修缮", "英烈权益保护"),
    ("县城老街明代石牌坊周边违规搭建", "文物和文化遗产保护"),
    ("新建的人行道盲道被占用，坡道太陡轮椅上不去", "无障碍环境"),
    ("开发商拖欠土地出让金，地块闲置多年", "国有土地使用权出让"),
    ("楼上装修噪声扰民，晚上十点还在施工", ""),
    ("砂石厂粉尘污染严重，周边农田被覆盖", "生态环境和资源保护"),
    ("餐馆后厨卫生差，食材霉变", "食品药品安全"),
    ("有人在林地里盗采砂石", "生态环境和资源保护"),
    ("小区物业费收费标准不透明", ""),
    ("路灯不亮，晚上出行不便", ""),
    ("孩子入学报名需要哪些材料", ""),
    ("社区开展垃圾分类宣传活动太少", ""),
    ("河道路口红绿灯时间太短", ""),
]


def test_sorting_agrees_with_a_clerk():
    from hotline.models import Field
    from hotline.sorting import active_rules, sort_ticket

    rules = active_rules()
    disagree = []
    for content, expected in LABELLED:
        field, _, hit = sort_ticket(content, rules)
        if (Field(field).label if field else "") != expected:
            disagree.append((content, expected, field, hit))
    agreement = 1 - len(disagree) / len(LABELLED)
    print(f"分拣与人工标注一致率：{agreement:.0%}（{len(LABELLED)} 件）")
    assert agreement == 1, disagree
