"""Importing statistics: the whole file is checked first, every bad row reported by number in
Chinese, and nothing changes unless the whole file is valid. Exports are safe and round-trip."""

import datetime
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from disclosures.dataset import MAX_BYTES, export_csv, export_xlsx, import_rows, parse
from disclosures.models import StatisticRow
from tests.factories import StatisticsReleasePageFactory, add_rows

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(text: str) -> bytes:
    return text.encode("utf-8")


GOOD = [["指标", "数值", "单位", "备注"], ["批准和决定逮捕", 36, "人", ""], ["不捕率", 34.5, "%", "同比上升"]]

BROKEN = {
    "empty file": ("data.csv", b"", ["文件是空的"]),
    "blank lines only": ("data.csv", b"\n\n,,\n", ["文件是空的"]),
    "not a spreadsheet": ("report.pdf", b"%PDF-1.7 binary", ["只能导入 XLSX 或 CSV"]),
    "binary with csv name": ("data.csv", b"\x00\x01\x02\xff\xfe", ["不是"]),
    "corrupt xlsx": ("data.xlsx", b"PK\x03\x04 not really a zip", ["不是有效的 XLSX"]),
    "oversized": ("data.csv", b"x" * (MAX_BYTES + 1), ["文件过大"]),
    "wrong columns": (
        "data.csv",
        csv_bytes("名称,数量\n逮捕,3\n"),
        ["表头缺少“单位”列：最像表头的是第1行（名称、数量）"],
    ),
    "no header at all": (
        "data.csv",
        csv_bytes("甲,乙\n1,2\n"),
        ["前10行中没有找到表头", "第1行实际为：甲、乙"],
    ),
    "header only": ("data.csv", csv_bytes("指标,数值,单位\n"), ["只有表头"]),
    "missing indicator": (
        "data.csv",
        csv_bytes("指标,数值,单位\n逮捕,3,人\n,5,件\n"),
        ["第3行：A列缺少指标名称"],
    ),
    "non-numeric value": (
        "data.csv",
        csv_bytes("指标,数值,单位\n逮捕,三十,人\n"),
        ["第2行：B列数值“三十”不是数字"],
    ),
    "missing value": ("data.csv", csv_bytes("指标,数值,单位\n逮捕,,人\n"), ["第2行：B列缺少数值"]),
    "duplicate indicator": (
        "data.csv",
        csv_bytes("指标,数值,单位\n逮捕,3,人\n起诉,5,人\n逮捕,4,人\n"),
        ["第4行：A列指标“逮捕”与第2行重复"],
    ),
    "unknown unit": (
        "data.csv",
        csv_bytes("指标,数值,单位\n逮捕,3,头\n"),
        ["第2行：C列单位“头”不在可用单位中"],
    ),
    "several bad rows in an xlsx": (
        "data.xlsx",
        xlsx(
            [
                ["指标", "数值", "单位"],
                ["逮捕", "abc", "人"],
                ["起诉", 5, "人"],
                ["", 1, "件"],
                ["起诉", 2, "吨"],
            ]
        ),
        [
            "第2行：B列数值“abc”不是数字",
            "第4行：A列缺少指标名称",
            "第5行：A列指标“起诉”与第3行重复；C列单位“吨”不在可用单位中",
        ],
    ),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_broken_files_are_reported_and_nothing_changes(site_tree, case):
    name, data, expected = BROKEN[case]
    page = add_rows(StatisticsReleasePageFactory(parent=site_tree["disclosures"]), [("原有指标", 1, "件")])
    revisions = page.revisions.count()
    result = parse(name, data)
    assert not result.ok
    for message in expected:
        assert any(message in error for error in result.errors), (message, result.errors)
    # the admin view and the command refuse the same way: nothing saved
    assert list(StatisticRow.objects.filter(page=page).values_list("indicator", flat=True)) == ["原有指标"]
    assert page.revisions.count() == revisions


def test_valid_csv_and_xlsx_parse_to_the_same_rows():
    from_csv = parse(
        "data.csv", csv_bytes("指标,数值,单位,备注\n批准和决定逮捕,36,人,\n不捕率,34.5,%,同比上升\n")
    )
    from_xlsx = parse("data.xlsx", xlsx(GOOD))
    assert from_csv.ok and from_xlsx.ok
    assert from_csv.rows == from_xlsx.rows
    assert from_csv.rows[1].value == Decimal("34.5")


def test_gbk_encoded_csv_from_excel_is_accepted():
    result = parse("data.csv", "指标,数值,单位\n决定起诉,104,人\n".encode("gb18030"))
    assert result.ok and result.rows[0].indicator == "决定起诉"


def test_import_saves_a_draft_revision_and_publishing_shows_it(client, site_tree):
    page = add_rows(StatisticsReleasePageFactory(parent=site_tree["disclosures"]), [("原有指标", 1, "件")])
    import_rows(page, parse("data.xlsx", xlsx(GOOD)).rows)
    live_rows = StatisticRow.objects.filter(page=page).values_list("indicator", flat=True)
    assert list(live_rows) == ["原有指标"]  # the live page is untouched until the draft is published
    page.get_latest_revision().publish()
    html = client.get(page.url).content.decode()
    assert "批准和决定逮捕" in html and "原有指标" not in html


def test_exports_round_trip_and_are_formula_safe(site_tree):
    page = add_rows(
        StatisticsReleasePageFactory(parent=site_tree["disclosures"]),
        [('=HYPERLINK("http://evil")', 1, "件"), ("@SUM(A1)", -5, "件"), ("不捕率", 34.5, "%")],
    )
    rows = list(page.rows.all())
    workbook = load_workbook(io.BytesIO(export_xlsx(rows, page.title)))
    cells = [[c.value for c in row] for row in workbook.active.iter_rows()]
    assert cells[1][0] == '\'=HYPERLINK("http://evil")'
    assert cells[2][0] == "'@SUM(A1)" and cells[2][1] == -5
    assert cells[3][1] == 34.5
    exported_csv = export_csv(rows)
    assert "'=HYPERLINK" in exported_csv and "\n=HYPERLINK" not in exported_csv
    again = parse("data.xlsx", export_xlsx(rows, page.title))
    assert again.ok
    assert [(r.indicator, r.value, r.unit) for r in again.rows] == [
        (r.indicator, r.value, r.unit) for r in rows
    ]
    assert parse("data.csv", exported_csv.encode("utf-8")).rows == again.rows


def test_downloads_answer_under_the_page_url_with_numbers_as_numbers(client, site_tree):
    page = add_rows(
        StatisticsReleasePageFactory(parent=site_tree["disclosures"]),
        [("决定起诉", 104, "人"), ("不诉率", 19.6, "%")],
    )
    data = json.loads(client.get(f"{page.url}data.json").content)
    assert data["rows"][0] == {"indicator": "决定起诉", "value": 104, "unit": "人", "note": ""}
    assert data["rows"][1]["value"] == 19.6
    csv_response = client.get(f"{page.url}data.csv")
    assert csv_response["Content-Disposition"].startswith("attachment")
    assert "决定起诉,104,人" in csv_response.content.decode("utf-8-sig")
    assert client.get(f"{page.url}data.xlsx").status_code == 200
    assert client.get("/disclosures/no-such-release/data.csv").status_code == 404


def test_import_command_checks_everything_and_exits_non_zero(site_tree, tmp_path, settings):
    page = add_rows(StatisticsReleasePageFactory(parent=site_tree["disclosures"]), [("原有指标", 1, "件")])
    bad = tmp_path / "bad.csv"
    bad.write_text("指标,数值,单位\n逮捕,三十,人\n", encoding="utf-8")
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="未导入任何数据"):
        call_command("import_statistics", page.pk, str(bad))
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx(GOOD))
    call_command("import_statistics", page.pk, str(good), "--dry-run")
    assert page.revisions.count() == 1
    call_command("import_statistics", page.pk, str(good), "--publish")
    rows = StatisticRow.objects.filter(page=page).order_by("sort_order").values_list("indicator", flat=True)
    assert list(rows) == ["批准和决定逮捕", "不捕率"]


def test_import_command_exit_code_in_a_real_process(tmp_path):
    """A bad file is refused before the database is even consulted, with a non-zero exit."""
    bad = tmp_path / "bad.csv"
    bad.write_text("甲\n", encoding="utf-8")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "import_statistics", "999999", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 1
    assert "没有找到表头" in result.stderr


def test_officer_uploads_in_the_admin_then_publishes(client, site_tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from disclosures.models import DatasetImport
    from disclosures.roles import DISCLOSURE_OFFICERS
    from home.registries.roles import REVIEWERS, apply_roles
    from tests.factories import UserFactory

    apply_roles()
    page = add_rows(StatisticsReleasePageFactory(parent=site_tree["disclosures"]), [("原有指标", 1, "件")])
    url = f"/admin/statistics/{page.pk}/import/"
    client.force_login(UserFactory(groups=[DISCLOSURE_OFFICERS]))
    assert "导入数据" in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()

    bad = SimpleUploadedFile("bad.csv", "指标,数值,单位\n逮捕,三十,人\n".encode())
    response = client.post(url, {"file": bad})
    job = DatasetImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{url}{job.pk}/"
    status = client.get(response["Location"])
    assert status.status_code == 200 and "第2行：B列数值“三十”不是数字" in status.content.decode()
    assert page.revisions.count() == 1 and not job.file  # nothing saved; the upload is not kept
    assert "有错误，未导入（1 处问题）" in client.get(url).content.decode()  # 最近的导入

    good = SimpleUploadedFile("good.xlsx", xlsx(GOOD))
    response = client.post(url, {"file": good})
    done = client.get(response["Location"])  # the first look at a finished import: the release
    assert done.status_code == 302 and done["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert "已导入 2 行数据" in client.get(done["Location"]).content.decode()
    assert page.revisions.count() == 2
    again = client.get(response["Location"])
    assert again.status_code == 200 and "已导入 2 行数据，保存为草稿" in again.content.decode()
    # the officer submits; a reviewer publishes
    client.force_login(UserFactory(groups=[REVIEWERS]))
    page.refresh_from_db()
    page.get_latest_revision().publish()
    html = client.get(page.url).content.decode()
    assert "批准和决定逮捕" in html and "原有指标" not in html


def test_officers_without_edit_rights_cannot_import(client, site_tree):
    from tests.factories import UserFactory

    page = add_rows(StatisticsReleasePageFactory(parent=site_tree["disclosures"]), [("原有指标", 1, "件")])
    client.force_login(UserFactory(groups=["宣传人员"], is_staff=False))
    from home.registries.roles import apply_roles

    apply_roles()
    response = client.get(f"/admin/statistics/{page.pk}/import/")
    assert response.status_code in (302, 403)


def test_a_spreadsheet_bomb_is_refused_before_it_is_parsed():
    """A small XLSX that would unpack to hundreds of MB (or claims 16,384 columns) is refused in
    Chinese before openpyxl reads it; openpyxl parses with defusedxml."""
    import zipfile

    import openpyxl

    assert openpyxl.DEFUSEDXML  # XML entity expansion refused by the parser itself
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<c/>" * 30_000_000)  # 120 MB of nothing
    data = buffer.getvalue()
    assert len(data) < MAX_BYTES
    result = parse("炸弹.xlsx", data)
    assert not result.ok and "解压后过大" in result.errors[0]


def test_a_sheet_that_claims_every_column_reads_only_the_first_ones():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["指标", "数值", "单位"])
    sheet.append(["批准逮捕", 12, "人"])
    sheet.cell(row=2, column=16384, value="远处的一格")
    out = io.BytesIO()
    workbook.save(out)
    result = parse("宽表.xlsx", out.getvalue())
    assert result.ok and [row.indicator for row in result.rows] == ["批准逮捕"]


def _xlsx(rows, percent_cells=()):
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for ref in percent_cells:
        sheet[ref].number_format = "0%"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_what_clerks_really_produce_is_read():
    """A title and a blank line above the header; a cell formatted 98% with unit %."""
    from decimal import Decimal

    from disclosures.dataset import parse

    data = _xlsx(
        [
            ["2026年1—6月行政机关负责人出庭应诉情况"],
            [],
            ["指标", "数值", "单位", "备注"],
            ["行政机关负责人出庭应诉", 49, "件", ""],
            ["行政机关负责人出庭应诉率", 0.98, "%", ""],
            ["出庭应诉率（文本）", "97.5%", "%", ""],
        ],
        percent_cells=["B5"],
    )
    result = parse("出庭应诉.xlsx", data)
    assert result.ok, result.errors
    values = {row.indicator: row.value for row in result.rows}
    assert values["行政机关负责人出庭应诉率"] == Decimal("98") and values["出庭应诉率（文本）"] == Decimal(
        "97.5"
    )
    bad = parse("bad.xlsx", _xlsx([["标题"], ["指标", "数值", "单位"], ["某指标", "不是数字", "件"]]))
    assert bad.errors == ["第3行：B列数值“不是数字”不是数字。"]  # the sheet's own row number


def test_each_kind_has_a_template_that_imports_once_filled(client, site_tree):
    import io

    from openpyxl import load_workbook

    from disclosures.dataset import parse
    from tests.factories import UserFactory

    client.force_login(UserFactory(groups=["信息公开专员"]))
    for kind in ("procuratorate", "court_appearance", "reconsideration", "custom"):
        response = client.get(f"/admin/statistics/template/{kind}/")
        assert response.status_code == 200, kind
        workbook = load_workbook(io.BytesIO(response.content))
        sheet = workbook.active
        for row in sheet.iter_rows(min_row=3):
            row[1].value = 1
        out = io.BytesIO()
        workbook.save(out)
        assert parse(f"{kind}.xlsx", out.getvalue()).ok, kind
    assert client.get("/admin/statistics/template/nope/").status_code == 404


def test_an_import_reports_its_progress_while_it_runs_and_refuses_strangers(client, site_tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from disclosures.imports import run_import
    from disclosures.models import DatasetImport
    from disclosures.roles import DISCLOSURE_OFFICERS
    from home.registries.roles import apply_roles
    from tests.factories import UserFactory

    apply_roles()
    page = add_rows(StatisticsReleasePageFactory(parent=site_tree["disclosures"]), [("原有指标", 1, "件")])
    officer = UserFactory(groups=[DISCLOSURE_OFFICERS])
    rows = "".join(f"指标{i},{i},件\n" for i in range(1, 1201))
    job = DatasetImport(page=page, filename="大表.csv", uploaded_by=officer)
    job.file.save("大表.csv", SimpleUploadedFile("大表.csv", f"指标,数值,单位\n{rows}".encode()), save=False)
    job.save()  # queued: the cluster has not taken it yet
    client.force_login(officer)
    url = f"/admin/statistics/{page.pk}/import/{job.pk}/"
    html = client.get(url).content.decode()
    assert "排队等待" in html and "data-poll=" in html and "<progress" in html
    assert client.get(url, {"format": "json"}).json()["finished"] is False
    assert "任务队列可能没有运行" not in html
    DatasetImport.objects.filter(pk=job.pk).update(created_at=job.created_at - datetime.timedelta(minutes=6))
    assert "任务队列可能没有运行" in client.get(url).content.decode()

    seen = []
    real_update = DatasetImport.objects.filter(pk=job.pk).update

    def watch(**fields):
        seen.append(fields.get("checked_rows"))

    from unittest import mock

    with mock.patch("disclosures.imports._update", side_effect=lambda j, **f: (watch(**f), real_update(**f))):
        run_import.call(job.pk)
    assert [n for n in seen if n is not None] == [0, 500, 1000, 1200]
    state = client.get(url, {"format": "json"}).json()
    assert state == {
        "status": "done",
        "label": "已导入",
        "checked": 1200,
        "total": 1200,
        "percent": 100,
        "finished": True,
        "interrupted": False,
    }
    page.refresh_from_db()
    assert len(page.get_latest_revision_as_object().rows.all()) == 1200

    client.force_login(UserFactory(groups=["宣传人员"]))
    assert client.get(url).status_code in (302, 403)
    other = StatisticsReleasePageFactory(parent=site_tree["disclosures"], slug="other-release")
    client.force_login(officer)
    assert client.get(f"/admin/statistics/{other.pk}/import/{job.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("数据.pdf", b"%PDF-1.4", "只能导入 XLSX 或 CSV 表格文件。"),
        ("数据.csv", b"", "上传的文件是空的。"),
    ],
)
def test_a_wrong_upload_is_refused_at_once_and_nothing_is_queued(client, site_tree, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from disclosures.models import DatasetImport
    from tests.factories import UserFactory

    page = StatisticsReleasePageFactory(parent=site_tree["disclosures"])
    client.force_login(UserFactory(is_superuser=True))
    response = client.post(
        f"/admin/statistics/{page.pk}/import/", {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not DatasetImport.objects.exists()


def test_a_killed_import_shows_as_interrupted_and_a_retry_imports_it_once(client, site_tree, today):
    """The worker dies while checking: after the queue's own retry time the job shows 导入中断 with
    重试 (derived from its last progress), and the retry imports the rows exactly once."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from disclosures.imports import run_import
    from disclosures.models import DatasetImport, ImportStatus
    from disclosures.models.imports import interrupted_after
    from disclosures.roles import DISCLOSURE_OFFICERS
    from home.registries.roles import apply_roles
    from tests.factories import UserFactory

    apply_roles()
    page = add_rows(StatisticsReleasePageFactory(parent=site_tree["disclosures"]), [("原有指标", 1, "件")])
    officer = UserFactory(groups=[DISCLOSURE_OFFICERS])
    job = DatasetImport(page=page, filename="表.csv", uploaded_by=officer)
    job.file.save(
        "表.csv", SimpleUploadedFile("表.csv", "指标,数值,单位\n受理,3,件\n办结,2,件\n".encode()), save=False
    )
    job.save()
    killed_at = timezone.now()
    DatasetImport.objects.filter(pk=job.pk).update(status=ImportStatus.CHECKING, progress_at=killed_at)
    client.force_login(officer)
    url = f"/admin/statistics/{page.pk}/import/{job.pk}/"
    assert "导入中断" not in client.get(url).content.decode()  # still within the queue's retry time
    assert "已重新排队" not in client.post(url, {"action": "retry"}, follow=True).content.decode()

    DatasetImport.objects.filter(pk=job.pk).update(
        progress_at=killed_at - interrupted_after() - datetime.timedelta(minutes=1)
    )
    html = client.get(url).content.decode()
    assert "导入中断" in html and "重试" in html and client.get(url, {"format": "json"}).json()["interrupted"]
    assert "已重新排队" in client.post(url, {"action": "retry"}, follow=True).content.decode()
    run_import.call(job.pk)  # the queue runs it (and a second delivery of the same task changes nothing)
    run_import.call(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and not job.interrupted
    page.refresh_from_db()
    assert [row.indicator for row in page.get_latest_revision_as_object().rows.all()] == ["受理", "办结"]
