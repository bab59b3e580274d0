"""民生诉求研判 in the admin: the centre's liaison uploads a month, checks the proposed mapping and the
de-identified preview (nothing stored yet), confirms, and the queue imports it (the file deleted);
the mapping is remembered; the procuratorate turns a 工单 and an alert into clues (linked both ways)
and the month-end feedback shows it; who sees what; bad input gets Chinese; queries flat."""

import datetime
import os

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clues.models import Clue
from home.registries.roles import apply_roles
from hotline.models import ColumnMapping, HotlineImport, Ticket
from hotline.roles import CENTRE
from hotline.ticket_import import recount_months
from internal.groups import LIAISONS, PROCURATORATE_OFFICE
from tests.factories import UserFactory

from .exports import PLANTED, one_row_header_xlsx, two_row_header_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    apply_roles()
    return {
        "centre": UserFactory(username="zhengwu", groups=[Group.objects.get(name=CENTRE)]),
        "procuratorate": UserFactory(
            username="jianyi", groups=[Group.objects.get(name=PROCURATORATE_OFFICE)]
        ),
        "liaison": UserFactory(username="shichang", groups=[Group.objects.get(name=LIAISONS)]),
    }


def test_the_centre_previews_confirms_and_the_queue_imports(client, people, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    client.force_login(people["centre"])
    upload = SimpleUploadedFile("12345-2026-11.xlsx", two_row_header_xlsx())
    response = client.post("/admin/hotline/import/", {"source": "12345", "file": upload})
    job = HotlineImport.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/admin/hotline/import/{job.pk}/")
    page = client.get(response.url).content.decode()
    assert (
        'value="工单号" selected' in page and 'value="问题描述" selected' in page
    )  # proposed from the header
    assert "〔身份证号已隐去〕" in page and PLANTED["id"] not in page and PLANTED["name"] not in page
    assert Ticket.objects.count() == 0  # the preview stores nothing

    refused = client.post(
        response.url,
        {"action": "import", "map-number": "", "map-received": "受理时间", "map-content": "问题描述"},
    )
    assert refused.status_code == 400 and "请为“工单编号”选择对应的列" in refused.content.decode()
    fields = {"action": "import", "map-number": "工单号", "map-received": "受理时间", "map-content": "问题描述",
              "map-township": "所属区域", "map-village": "社区", "map-handler": "承办单位", "map-status": "办理状态",
              "map-category": "诉求类型"}  # fmt: skip
    done = client.post(response.url, fields)
    assert done.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.imported, job.file.name) == ("done", 5, "")
    assert job.masked["居民身份证号码"] == 2
    assert not any(files for _, _, files in os.walk(settings.PRIVATE_MEDIA_ROOT))  # the upload is gone
    status = client.get(f"/admin/hotline/import/{job.pk}/status/").content.decode()
    assert "新增 5 件" in status and "居民身份证号码 2 处" in status
    assert ColumnMapping.objects.get(source="12345").mapping["content"] == "问题描述"

    # the same source next month: the remembered mapping reads it without asking again
    upload = SimpleUploadedFile("again.xlsx", two_row_header_xlsx())
    response = client.post("/admin/hotline/import/", {"source": "12345", "file": upload})
    assert "已按上次确认的对应关系读取" in client.get(response.url).content.decode()

    assert (
        "民生诉求研判" not in client.get("/admin/hotline/").content.decode().split("<main")[1]
    )  # no 研判: 导入 …
    assert client.get("/admin/hotline/tickets/").status_code == 302  # … and no 工单 list
    assert client.get("/admin/hotline/feedback/").status_code == 200


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("a.pdf", b"%PDF-1.4", "只能导入 XLSX 或 CSV"),
        ("a.xlsx", b"PK\x03\x04not a zip", "不是有效的 XLSX"),
        ("a.csv", "说明,备注\n1,2\n".encode("gb18030"), "没有找到表头"),
    ],
)
def test_a_bad_file_gets_a_chinese_message_and_nothing_is_kept(client, people, name, data, message):
    client.force_login(people["centre"])
    response = client.post(
        "/admin/hotline/import/", {"source": "12345", "file": SimpleUploadedFile(name, data)}, follow=True
    )
    assert message in response.content.decode()
    assert Ticket.objects.count() == 0
    assert all(not job.file for job in HotlineImport.objects.all())


def test_a_ticket_and_an_alert_become_clues_and_the_feedback_says_so(client, people, today):
    from hotline.ticket_import import import_sheet, read_sheet

    import_sheet(read_sheet("a.xlsx", one_row_header_xlsx()), "12345")
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    for i in range(5):
        Ticket.objects.create(source="12345", number=f"R{i}", received_on=month + datetime.timedelta(days=i * 3),
                              content="河道有人倾倒建筑垃圾", township="东寨镇", field="environment")  # fmt: skip
    recount_months({month})  # made here, not by an import: counted as an import would
    client.force_login(people["procuratorate"])
    ticket = Ticket.objects.get(number="GD202611010002")
    response = client.post(f"/admin/hotline/tickets/{ticket.pk}/clue/")
    ticket.refresh_from_db()
    clue = Clue.objects.get()
    assert (
        response.status_code == 302
        and ticket.clue == clue
        and clue.kind == "public_interest"
        and clue.source == "12345"
    )
    assert clue.feedback_due is not None and "过期食品" in clue.summary
    assert (
        client.post(f"/admin/hotline/tickets/{ticket.pk}/clue/").status_code == 302
        and Clue.objects.count() == 1
    )

    analysis = client.get(f"/admin/hotline/?start={month:%Y-%m}").content.decode()
    assert "东寨镇 · 生态环境和资源保护：5 件" in analysis
    # the statistics releases' own chart
    assert '<svg class="chart chart--bar"' in analysis and "本期工单按公益诉讼领域" in analysis
    client.post(
        f"/admin/hotline/alerts/clue/?start={month:%Y-%m}&end={month:%Y-%m}",
        {"township": "东寨镇", "field": "environment"},
    )
    alert_clue = Clue.objects.exclude(pk=clue.pk).get()
    assert Ticket.objects.filter(clue=alert_clue).count() == 5 and "类案" in alert_clue.title
    refused = client.post(
        f"/admin/hotline/alerts/clue/?start={month:%Y-%m}",
        {"township": "不存在镇", "field": "environment"},
        follow=True,
    )
    assert "没有找到这条类案预警" in refused.content.decode() and Clue.objects.count() == 2

    client.force_login(people["centre"])
    feedback = client.get(f"/admin/hotline/feedback/?month={month:%Y-%m}").content.decode()
    assert f"已转为公益诉讼线索 {alert_clue.number}" in feedback
    assert client.get("/admin/hotline/feedback/?month=2026-13").status_code == 400


def test_nobody_else_sees_anything(client, people):
    Ticket.objects.create(
        source="12345",
        number="S1",
        received_on=datetime.date(2026, 11, 2),
        content="秘密诉求内容甲乙丙",
        township="城关镇",
    )
    urls = ["/admin/hotline/", "/admin/hotline/tickets/", f"/admin/hotline/tickets/{Ticket.objects.get().pk}/",
            "/admin/hotline/import/", "/admin/hotline/feedback/", "/admin/hotline/?export=xlsx"]  # fmt: skip
    client.force_login(people["liaison"])
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403) and "秘密诉求内容" not in response.content.decode(), url
    client.logout()
    for url in urls:
        assert client.get(url).status_code == 302
    for url in ("/", "/search/?q=诉求内容甲乙", "/sitemap.xml"):  # the search echoes the query, not the 工单
        assert "秘密诉求内容甲乙丙" not in client.get(url).content.decode()


def test_the_analysis_page_costs_the_same_queries_at_60_and_600_tickets(client, people, today):
    client.force_login(people["procuratorate"])
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    counts = []
    for total in (60, 600):
        Ticket.objects.bulk_create(
            Ticket(source="12345", number=f"Q{total}-{i}", received_on=month + datetime.timedelta(days=i % 28),
                   content="河道倾倒垃圾", township=f"第{i % 7}镇", field="environment" if i % 3 else "")
            for i in range(total - Ticket.objects.count())
        )  # fmt: skip
        recount_months({month})
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/admin/hotline/?start={month:%Y-%m}").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_an_upload_left_on_its_preview_is_deleted_after_a_day(client, people, settings, tmp_path):
    import time_machine

    from hotline.imports import discard_stale_previews

    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    client.force_login(people["centre"])
    client.post(
        "/admin/hotline/import/",
        {"source": "12345", "file": SimpleUploadedFile("a.xlsx", one_row_header_xlsx())},
    )
    job = HotlineImport.objects.get()
    assert job.file and discard_stale_previews() == 0
    with time_machine.travel(job.created_at + datetime.timedelta(hours=25)):
        assert discard_stale_previews() == 1
    job.refresh_from_db()
    assert not job.file and job.status == "failed" and "文件已删除" in job.errors[0]["message"]
    assert not any(files for _, _, files in os.walk(settings.PRIVATE_MEDIA_ROOT))
    assert Ticket.objects.count() == 0
