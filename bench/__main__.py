"""Benchmarks: figures, not pass/fail. `make bench` or `python -m bench --cases 10000`.

Builds a throw-away database (SQLite by default, or BENCH_DATABASE_URL) with N case examples and
measures the listing, filtered listing, deep pagination and Chinese search through Django's
test client (in-process: no network, no server tuning), printing requests/s and p95 latency.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def setup(database_url: str):
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = database_url
    os.environ["SEARCH_RATE_LIMIT_COUNT"] = "1000000000"  # one client sends every search here
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PAGE_CACHE_SECONDS = 0  # in-process figures: as rendered when the page cache misses

    call_command("migrate", verbosity=0)


def measure(client, url: str, requests: int, before_each=None) -> tuple[float, float]:
    """`before_each()`: run untimed before every request (to renew what the request would find kept)."""
    client.get(url)  # warm caches
    timings = []
    for _ in range(requests):
        if before_each is not None:
            before_each()
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    p95 = statistics.quantiles(timings, n=20)[18] if len(timings) >= 20 else max(timings)
    return len(timings) / sum(timings), p95 * 1000


def report(rows: list[tuple[str, float, float]]):
    print(f"{'URL':<56} {'req/s':>8} {'p95 ms':>8}")
    for url, rps, p95 in rows:
        print(f"{url:<56} {rps:8.1f} {p95:8.1f}")


def build_cases(count: int):
    import datetime

    from campaigns.models import CaseBatch, CaseExamplePage, CaseIndexPage, LegalArea
    from home.demo import ensure_home, ensure_locales
    from home.demo_tools import ensure_child

    ensure_locales()
    home = ensure_home()
    index = ensure_child(home, CaseIndexPage, "cases", title="典型案例", show_in_menus=True)
    areas = [
        LegalArea.objects.get_or_create(slug=s, defaults={"name": n})[0]
        for s, n in [("telecom-fraud", "电信网络诈骗"), ("minors", "未成年人保护"), ("ecology", "生态环境")]
    ]
    batches = [
        CaseBatch.objects.get_or_create(
            number=n,
            defaults={"release_date": datetime.date(2020 + n % 7, 3, 1), "issuing_units": "县人民检察院"},
        )[0]
        for n in range(1, 41)
    ]
    existing = index.get_children().count()
    started = time.perf_counter()
    for i in range(existing, count):
        page = CaseExamplePage(
            title=f"第{i + 1}号典型案例：某某帮助信息网络犯罪活动案",
            slug=f"case-{i + 1}",
            case_number=f"永检典〔2026〕{i + 1}号",
            batch=batches[i % len(batches)],
            category=["criminal", "juvenile", "public_interest"][i % 3],
            legal_area=areas[i % len(areas)],
            keywords="电信网络诈骗、检察建议",
            gist="出租银行卡供他人实施电信网络诈骗犯罪活动的，构成帮助信息网络犯罪活动罪；检察机关制发检察建议。",
            facts="<p>某某将本人银行卡出租给他人，用于接收电信网络诈骗资金。</p>",
            process="<p>检察机关依法适用认罪认罚从宽制度。</p>",
            outcome="<p>法院判处有期徒刑六个月。</p>",
            significance="<p>提醒群众不要出租、出借银行卡，依法开展公益诉讼。</p>",
        )
        index.add_child(instance=page)
        if (i + 1) % 500 == 0:
            rate = (i + 1 - existing) / (time.perf_counter() - started)
            print(f"  {i + 1} cases ({rate:.0f}/s)", flush=True)
    return index


def bench_statistics(client, rows: int, requests: int):
    """Import of a `rows`-row XLSX as the officer meets it — the upload's request, which only stores
    and queues the file — and as the queue's worker runs it (read, check every row, save), then the
    release page it makes."""
    import datetime
    import io

    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings
    from openpyxl import Workbook

    from disclosures.imports import run_import
    from disclosures.models import (
        DatasetImport,
        DisclosureIndexPage,
        PeriodType,
        PublishingUnit,
        StatisticsReleasePage,
    )
    from home.demo import ensure_home
    from home.demo_tools import ensure_child

    home = ensure_home()
    index = ensure_child(home, DisclosureIndexPage, "disclosures", title="信息公开", show_in_menus=True)
    unit = PublishingUnit.objects.get_or_create(
        code="116203210138580002", defaults={"name": "永昌县人民检察院"}
    )[0]
    release = ensure_child(
        index,
        StatisticsReleasePage,
        "bench-release",
        title="基准测试数据发布",
        kind="custom",
        year=datetime.date.today().year,
        period_type=PeriodType.YEAR,
        publishing_unit=unit,
    )
    workbook = Workbook()
    workbook.active.append(["指标", "数值", "单位", "备注"])
    for i in range(rows):
        workbook.active.append([f"指标{i + 1}", i * 3 + 1, "件", ""])
    data = io.BytesIO()
    workbook.save(data)
    officer = get_user_model().objects.get_or_create(
        username="bench-officer", is_superuser=True, is_staff=True
    )[0]
    client.force_login(officer)
    upload = SimpleUploadedFile("bench.xlsx", data.getvalue())
    # the task is only recorded here, as the cluster would receive it; the worker's run is timed apart
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        started = time.perf_counter()
        response = client.post(f"/admin/statistics/{release.pk}/import/", {"file": upload})
        returned_at = time.perf_counter()
    assert response.status_code == 302, response.status_code
    job = DatasetImport.objects.latest("pk")
    run_import.call(job.pk)
    done_at = time.perf_counter()
    job.refresh_from_db()
    assert job.status == "done", job.errors[:3]
    client.logout()
    release.refresh_from_db()
    release.get_latest_revision().publish()
    print(
        f"\nimport of a {rows}-row XLSX ({len(data.getvalue()) // 1024} KB): "
        f"the upload returns in {returned_at - started:.2f} s; on the queue, read+check+save "
        f"{done_at - returned_at:.2f} s"
    )
    release.refresh_from_db()
    return [(release.url, *measure(client, release.url, requests))]


def bench_internal(client, count: int, requests: int):
    """Dashboard (admin home) and the 督查督办 report (HTML and XLSX) with `count` resolutions."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from home.demo import ensure_home
    from home.demo_tools import ensure_child
    from home.registries.roles import apply_roles
    from internal.groups import LIAISONS, OFFICE
    from internal.models import (
        InternalIndexPage,
        MeetingPage,
        MemberUnit,
        ProgressReport,
        Resolution,
        UnitKind,
    )

    home = ensure_home()
    index = ensure_child(home, InternalIndexPage, "internal", title="内部工作")
    apply_roles()
    lead = MemberUnit.objects.get_or_create(name="永昌县人民检察院", defaults={"kind": UnitKind.LEAD})[0]
    units = [MemberUnit.objects.get_or_create(name=f"永昌县第{i}成员单位")[0] for i in range(1, 26)]
    office = get_user_model().objects.get_or_create(username="bench-office")[0]
    office.groups.add(Group.objects.get(name=OFFICE))
    liaison = get_user_model().objects.get_or_create(username="bench-liaison")[0]
    liaison.groups.add(Group.objects.get(name=LIAISONS))
    units[0].liaisons.add(liaison)
    today = datetime.date.today()
    per_meeting = 100
    existing = Resolution.objects.count()
    for number in range(existing // per_meeting, count // per_meeting):
        day = today - datetime.timedelta(days=number * 3 % 330)
        meeting = ensure_child(
            index, MeetingPage, f"bench-meeting-{number}", title=f"基准会议{number}", number=number + 1,
            date=day.replace(year=day.year - number // 110), convening_unit=lead,
        )  # fmt: skip
        Resolution.objects.bulk_create(
            Resolution(
                page=meeting, requirement=f"督办事项{number}-{i}：落实府检联动工作要求", lead_unit=units[i % 25],
                deadline=today + datetime.timedelta(days=(number * per_meeting + i) % 120 - 60),
                status=["not_started", "in_progress", "done"][i % 3], sort_order=i,
            )
            for i in range(per_meeting)
        )  # fmt: skip
    reported = Resolution.objects.filter(lead_unit=units[0], reports__isnull=True)[:200]
    ProgressReport.objects.bulk_create(
        ProgressReport(
            resolution=r, unit=units[0], author=liaison, text="按计划推进。", new_status="in_progress"
        )
        for r in reported
    )
    total = Resolution.objects.count()
    rows = []
    for user in (office, liaison):
        client.force_login(user)
        rows.append(
            (f"/admin/ ({user.username}, {total} resolutions)", *measure(client, "/admin/", requests))
        )
    client.force_login(office)
    period = f"start={today.year - 1}-01-01&end={today.isoformat()}"
    for label, url in (
        ("/admin/resolutions/report/", f"/admin/resolutions/report/?{period}"),
        ("/admin/resolutions/report/ (XLSX)", f"/admin/resolutions/report/?{period}&export=xlsx"),
    ):
        rows.append((label, *measure(client, url, requests)))
    client.logout()
    return rows


def bench_recommendations(client, count: int, requests: int):
    """检察建议台账 (list, figures, XLSX) and the dashboard with `count` recommendations, each with a
    reply or an escalation (the state is derived from them: the queries must stay flat)."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from home.registries.roles import apply_roles
    from internal.groups import GOVERNMENT_FOLLOW_UP, PROCURATORATE_OFFICE
    from internal.models import Escalation, MemberUnit, Recommendation, Reply

    apply_roles()
    units = [MemberUnit.objects.get_or_create(name=f"永昌县第{i}成员单位")[0] for i in range(1, 26)]
    office = get_user_model().objects.get_or_create(username="bench-procuratorate")[0]
    office.groups.add(Group.objects.get(name=PROCURATORATE_OFFICE))
    government = get_user_model().objects.get_or_create(username="bench-government")[0]
    government.groups.add(Group.objects.get(name=GOVERNMENT_FOLLOW_UP))
    today = datetime.date.today()
    existing = Recommendation.objects.count()
    new = [
        Recommendation(
            number=f"永检基准〔{today.year}〕{i + 1}号", kind="recommendation", category="correction",
            target_unit=units[i % 25], issued_on=today - datetime.timedelta(days=i % 330),
            delivered_on=today - datetime.timedelta(days=i % 330 - 1 if i % 330 else 0), delivery_method="in_person",
            reply_due=today + datetime.timedelta(days=60 - i % 330), problem="执法案卷不规范。", measures="补正案卷",
        )
        for i in range(existing, count)
    ]  # fmt: skip
    Recommendation.objects.bulk_create(new, batch_size=500)  # no validation: synthetic rows
    recs = list(Recommendation.objects.filter(replies__isnull=True, escalations__isnull=True).order_by("pk"))
    Reply.objects.bulk_create(
        Reply(recommendation=r, replied_on=r.delivered_on + datetime.timedelta(days=30), adoption="full",
              measures="已整改。", promised_by=r.delivered_on + datetime.timedelta(days=90))
        for r in recs[::2]
    )  # fmt: skip
    Escalation.objects.bulk_create(
        Escalation(recommendation=r, kind="urge", taken_on=today, notes="督促。") for r in recs[1::4]
    )
    total = Recommendation.objects.count()
    rows = []
    for user in (office, government):
        client.force_login(user)
        rows.append(
            (f"/admin/ ({user.username}, {total} recommendations)", *measure(client, "/admin/", requests))
        )
    client.force_login(office)
    busiest = recs[0].pk  # one with a reply and an urging
    for label, url in (
        ("/admin/recommendations/", "/admin/recommendations/"),
        ("/admin/recommendations/?state=reply_overdue", "/admin/recommendations/?state=reply_overdue"),
        ("/admin/recommendations/<id>/ (its page)", f"/admin/recommendations/{busiest}/"),
        ("/admin/recommendations/<id>/history/", f"/admin/recommendations/{busiest}/history/"),
        ("/admin/recommendations/figures/", f"/admin/recommendations/figures/?year={today.year}"),
        (
            "/admin/recommendations/figures/ (XLSX)",
            f"/admin/recommendations/figures/?year={today.year}&export=xlsx",
        ),
    ):
        rows.append((label, *measure(client, url, requests)))
    client.logout()
    return rows


def bench_penalties(client, count: int, requests: int):
    """以罚代刑筛查 with `count` 行政处罚决定 across 25 units (a tenth over a threshold): the list, the
    flagged list and a decision's page for the procuratorate, a liaison's list; then a `count`-row
    import as the liaison meets it (the upload only stores and queues) and as the queue runs it."""
    import datetime
    import io
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings
    from openpyxl import Workbook

    from clues.imports import run_penalty_import
    from clues.models import PenaltyDecision, PenaltyImport
    from home.registries.roles import apply_roles
    from internal.groups import LIAISONS, PROCURATORATE_OFFICE
    from internal.models import MemberUnit

    apply_roles()
    units = [MemberUnit.objects.get_or_create(name=f"永昌县第{i}执法单位")[0] for i in range(1, 26)]
    today = datetime.date.today()
    causes = ["销售伪劣产品", "非法占用耕地建房", "无照经营", "超限运输"]
    existing = PenaltyDecision.objects.count()
    PenaltyDecision.objects.bulk_create(
        (
            PenaltyDecision(
                unit=units[i % 25], number=f"基准罚〔{today.year}〕{i + 1}号", cause=causes[i % 4], party="某某有限公司",
                amount=Decimal(60000 if i % 10 == 0 else 800 + i % 900), amount_unit="元", penalty="罚款",
                decided_on=today - datetime.timedelta(days=i % 365),
            )
            for i in range(existing, count)
        ),
        batch_size=1000,
    )  # fmt: skip
    procurator = get_user_model().objects.get_or_create(username="bench-procurator")[0]
    procurator.groups.add(Group.objects.get(name=PROCURATORATE_OFFICE))
    liaison = get_user_model().objects.get_or_create(username="bench-liaison")[0]
    liaison.groups.add(Group.objects.get(name=LIAISONS))
    units[0].liaisons.add(liaison)
    flagged = PenaltyDecision.objects.filter(amount=60000).order_by("pk").first()
    rows = []
    client.force_login(procurator)
    for label, url in (
        (f"/admin/penalties/ ({count} decisions)", "/admin/penalties/"),
        ("/admin/penalties/?screen=flagged", "/admin/penalties/?screen=flagged"),
        ("/admin/penalties/edit/<id>/ (a flagged one)", f"/admin/penalties/edit/{flagged.pk}/"),
    ):
        rows.append((label, *measure(client, url, requests)))
    client.force_login(liaison)
    rows.append(("/admin/penalties/ (a liaison: one unit)", *measure(client, "/admin/penalties/", requests)))

    workbook = Workbook()
    workbook.active.append(["决定书文号", "案由", "当事人", "涉案数额", "计量单位", "处罚内容", "决定日期"])
    for i in range(count):
        workbook.active.append(
            [
                f"导入罚〔{today.year}〕{i + 1}号",
                causes[i % 4],
                "某公司",
                500 + i % 90000,
                "元",
                "罚款",
                today,
            ]
        )
    data = io.BytesIO()
    workbook.save(data)
    upload = SimpleUploadedFile("bench.xlsx", data.getvalue())
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        started = time.perf_counter()
        response = client.post("/admin/penalties/import/", {"unit": units[0].pk, "file": upload})
        returned_at = time.perf_counter()
    assert response.status_code == 302, response.status_code
    run_penalty_import.call(PenaltyImport.objects.latest("pk").pk)
    done_at = time.perf_counter()
    job = PenaltyImport.objects.latest("pk")
    assert job.imported == count, (job.imported, job.errors[:3])
    print(
        f"\nimport of a {count}-row 行政处罚 XLSX ({len(data.getvalue()) // 1024} KB): the upload returns in "
        f"{returned_at - started:.2f} s; on the queue, read+check+save {done_at - returned_at:.2f} s"
    )
    client.logout()
    return rows


def bench_clues(client, count: int, requests: int):
    """府检线索互通登记 with `count` clues across 25 units over the past year (every kind, each with
    its steps, its derived stage and deadline): the register, filtered by state, a clue's page and the
    year's 案情通报 for the procuratorate; a liaison's register; the admin home with its panel."""
    import datetime
    import random

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from clues.deadlines import derive
    from clues.lives import LIVES, ClueKind
    from clues.models import Clue, ClueStep
    from home.registries.roles import apply_roles
    from home.workdays import WorkingCalendar
    from internal.groups import LIAISONS, PROCURATORATE_OFFICE
    from internal.models import MemberUnit

    apply_roles()
    units = [MemberUnit.objects.get_or_create(name=f"永昌县第{i}执法单位")[0] for i in range(1, 26)]
    police = MemberUnit.objects.get_or_create(name="永昌县公安局")[0]
    today = timezone.localdate()
    existing = Clue.objects.count()
    if existing < count:
        rng = random.Random(28)
        kinds = (
            [ClueKind.TRANSFER] * 5
            + [ClueKind.OPINION] * 2
            + [ClueKind.PUBLIC_INTEREST] * 2
            + [ClueKind.URGE]
        )
        clues, plans = [], []
        for i in range(existing, count):
            kind = kinds[i % len(kinds)]
            life = LIVES[kind]
            start = today - datetime.timedelta(days=rng.randrange(0, 365))
            path, code = [], life[0].code
            while True:  # a random walk along what may follow, a few steps long
                path.append(code)
                rule = next(s for s in life if s.code == code)
                if not rule.then or rng.random() < 0.3 or len(path) > 5:
                    break
                code = rng.choice(rule.then)
            clues.append(Clue(number=f"基准线索〔{today.year}〕{i + 1:05d}号", kind=kind, title=f"基准案由{i}",
                              unit=units[i % 25], police_unit=police if kind == ClueKind.TRANSFER else None,
                              source="12345" if kind == ClueKind.PUBLIC_INTEREST else ""))  # fmt: skip
            plans.append((start, path))
        Clue.objects.bulk_create(clues, batch_size=1000)
        steps = []
        for clue, (start, path) in zip(clues, plans, strict=True):
            for n, code in enumerate(path):
                on = min(today, start + datetime.timedelta(days=2 * n))
                steps.append(ClueStep(clue=clue, code=code, on=on, at=datetime.time(9 + n), notes="基准"))
        ClueStep.objects.bulk_create(steps, batch_size=2000)
        by_clue = {}
        for step in steps:
            by_clue.setdefault(step.clue_id, []).append(step)
        calendar = WorkingCalendar()
        for clue in clues:
            for name, value in derive(clue, by_clue[clue.pk], calendar).__dict__.items():
                setattr(clue, name, value)
        fields = ["stage", "opened_on", "closed_on", "due_on", "due_at", "paused", "feedback_due"]
        Clue.objects.bulk_update(clues, fields, batch_size=1000)
    procurator = get_user_model().objects.get_or_create(username="bench-procurator")[0]
    procurator.groups.add(Group.objects.get(name=PROCURATORATE_OFFICE))
    liaison = get_user_model().objects.get_or_create(username="bench-liaison")[0]
    liaison.groups.add(Group.objects.get(name=LIAISONS))
    units[0].liaisons.add(liaison)
    one = Clue.objects.filter(kind=ClueKind.TRANSFER).order_by("pk").first()
    rows = []
    client.force_login(procurator)
    for label, url in (
        (f"/admin/clues/ ({count} clues)", "/admin/clues/"),
        ("/admin/clues/?state=overdue", "/admin/clues/?state=overdue"),
        ("/admin/clues/?kind=transfer&state=due_soon", "/admin/clues/?kind=transfer&state=due_soon"),
        ("/admin/clues/<id>/ (a transfer)", f"/admin/clues/{one.pk}/"),
        (
            f"/admin/clues/report/?year={today.year} (案情通报)",
            f"/admin/clues/report/?year={today.year}&month=",
        ),
        ("/admin/clues/report/ (this month)", "/admin/clues/report/"),
        ("/admin/ (with the clues panel)", "/admin/"),
    ):
        rows.append((label, *measure(client, url, requests)))
    from internal.dashboard import renew_panels  # as after every recorded step: counted afresh

    url = f"/admin/clues/report/?year={today.year}&month="
    rows.append(
        (
            "/admin/clues/report/ (the year, first after a change)",
            *measure(client, url, requests, renew_panels),
        )
    )
    client.force_login(liaison)
    rows.append(("/admin/clues/ (a liaison: one unit)", *measure(client, "/admin/clues/", requests)))
    client.logout()
    return rows


def bench_hotline(client, count: int, imported: int, requests: int):
    """民生诉求研判 at `count` 工单 over two years (the demo's kinds and towns): the month's 研判 page
    and `hotline_analysis` in-process; then an `imported`-row export as the centre meets it (upload,
    preview) and as the queue imports it."""
    import datetime
    import io

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import override_settings
    from django.utils import timezone
    from openpyxl import Workbook

    from home.registries.roles import apply_roles
    from hotline.demo import build
    from hotline.imports import run_hotline_import
    from hotline.models import HotlineImport, Ticket
    from hotline.sorting import active_rules, sort_ticket, words_of
    from hotline.ticket_import import recount_months
    from internal.groups import PROCURATORATE_OFFICE

    apply_roles()
    today = timezone.localdate()
    if Ticket.objects.count() < count:
        rules = active_rules()
        sample = build(today)
        tickets = []
        for i in range(Ticket.objects.count(), count):
            row = dict(sample[i % len(sample)])
            row["received_on"] -= datetime.timedelta(days=365 * ((i // len(sample)) % 2))  # two years
            row["number"] = f"BENCH{i:07d}"
            field, rule, hit = sort_ticket(row["content"], rules)
            tickets.append(
                Ticket(**row, field=field, rule_id=rule, matched=hit, words=words_of(row["content"]))
            )
        Ticket.objects.bulk_create(tickets, batch_size=2000)
        recount_months({t.received_on.replace(day=1) for t in tickets})
    procurator = get_user_model().objects.get_or_create(username="bench-procurator")[0]
    procurator.groups.add(Group.objects.get(name=PROCURATORATE_OFFICE))
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    rows = []
    client.force_login(procurator)
    for label, url in (
        (f"/admin/hotline/ (last month, {count} 工单)", f"/admin/hotline/?start={month:%Y-%m}"),
        (
            "/admin/hotline/ (a year)",
            f"/admin/hotline/?start={month.year - 1}-{month.month:02d}&end={month:%Y-%m}",
        ),
        ("/admin/hotline/tickets/", "/admin/hotline/tickets/"),
    ):
        rows.append((label, *measure(client, url, requests)))
    started = time.perf_counter()
    for _ in range(5):
        call_command("hotline_analysis", "--month", f"{month:%Y-%m}", "--json", stdout=io.StringIO())
    print(
        f"\nhotline_analysis --month {month:%Y-%m} at {count} 工单: {(time.perf_counter() - started) / 5 * 1000:.0f} ms"
    )

    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "工单编号",
            "来电时间",
            "来电人",
            "来电号码",
            "一级分类",
            "诉求内容",
            "所属乡镇",
            "承办单位",
            "办理状态",
        ]
    )
    sample = build(today)
    stamp = f"{int(time.time()) % 100000:05d}"  # new 工单 each run (a --keep database has the last run's)
    for i in range(imported):
        row = sample[i % len(sample)]
        sheet.append([f"IMPORT{stamp}{i:07d}", row["received_on"], "张某某", "13800000000", row["category"],
                      f"来电人张建国反映：{row['content']}", row["township"], row["handler"], row["status"]])  # fmt: skip
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("bench-12345.xlsx", data.getvalue())
    started = time.perf_counter()
    response = client.post("/admin/hotline/import/", {"source": "12345", "file": upload})
    uploaded = time.perf_counter()
    assert response.status_code == 302, response.status_code
    preview = client.get(response.url)
    previewed = time.perf_counter()
    assert preview.status_code == 200
    fields = {"action": "import", "map-number": "工单编号", "map-received": "来电时间", "map-content": "诉求内容",
              "map-township": "所属乡镇", "map-handler": "承办单位", "map-status": "办理状态", "map-category": "一级分类"}  # fmt: skip
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        client.post(response.url, fields)
    confirmed = time.perf_counter()
    job = HotlineImport.objects.latest("pk")
    run_hotline_import.call(job.pk)
    done = time.perf_counter()
    job.refresh_from_db()
    assert job.imported + job.updated + job.skipped == imported, (job.status, job.imported, job.errors[:3])
    print(
        f"import of a {imported}-row 12345 export ({len(data.getvalue()) // 1024} KB): upload {uploaded - started:.2f} s, "
        f"preview {previewed - uploaded:.2f} s, confirm {confirmed - previewed:.2f} s; on the queue {done - confirmed:.1f} s "
        f"(new {job.imported}, updated {job.updated}, unchanged {job.skipped}; masked {job.masked})"
    )
    client.logout()
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--rows", type=int, default=10_000, help="rows of the imported statistics file")
    parser.add_argument("--resolutions", type=int, default=5_000, help="resolutions for the dashboard/report")
    parser.add_argument(
        "--recommendations", type=int, default=5_000, help="检察建议 for the ledger and figures"
    )
    parser.add_argument("--penalties", type=int, default=20_000, help="行政处罚决定 for the 以罚代刑 screen")
    parser.add_argument("--clues", type=int, default=5_000, help="clues and transfers in the register")
    parser.add_argument("--tickets", type=int, default=200_000, help="12345/12309 工单 for 民生诉求研判")
    parser.add_argument("--import-rows", type=int, default=50_000, help="rows of the imported 12345 export")
    parser.add_argument(
        "--only",
        choices=["cases", "statistics", "internal", "recommendations", "penalties", "clues", "hotline"],
        help="run one group only",
    )
    parser.add_argument("--keep", help="reuse this SQLite file between runs (skips building what exists)")
    parser.add_argument(
        "--served",
        action="store_true",
        help="also measure gunicorn + wrk, cache off and on (bench/served.py)",
    )
    args = parser.parse_args()

    db_file = args.keep or os.path.join(tempfile.mkdtemp(prefix="fjld-bench-"), "bench.sqlite3")
    setup(os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{db_file}"))
    from django.test import Client

    client = Client()
    if args.only == "internal":
        report(bench_internal(client, args.resolutions, args.requests))
        return
    if args.only == "statistics":
        report(bench_statistics(client, args.rows, max(5, args.requests // 4)))
        return
    if args.only == "recommendations":
        report(bench_recommendations(client, args.recommendations, args.requests))
        return
    if args.only == "penalties":
        report(bench_penalties(client, args.penalties, args.requests))
        return
    if args.only == "clues":
        report(bench_clues(client, args.clues, args.requests))
        return
    if args.only == "hotline":
        report(bench_hotline(client, args.tickets, args.import_rows, args.requests))
        return
    print(f"building {args.cases} case examples…", flush=True)
    build_cases(args.cases)
    from django.db import connection

    if connection.vendor == "postgresql":  # fresh statistics, as autovacuum keeps them in production
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    urls = [
        "/cases/",
        "/cases/?area=minors&year=2026",
        "/cases/?category=criminal&page=100",
        "/search/?q=诈骗",
        "/search/?q=检察建议&section=cases",
        "/search/?q=公益诉讼&page=50",
    ]
    rows = [(url, *measure(client, url, args.requests)) for url in urls]
    # a search nobody made since the last publish: a publish renews the generation, so everything
    # kept (fragments, counts) is worked out afresh
    from home.caching.generation import renew

    for url in ("/search/?q=诈骗", "/search/?q=检察建议&section=cases"):
        rows.append((f"{url} (first since a publish)", *measure(client, url, args.requests, renew)))
    # nothing kept at all: the fragment cache off
    from django.test import override_settings

    with override_settings(FRAGMENT_CACHE_SECONDS=0):
        for url in ("/cases/", "/search/?q=诈骗", "/search/?q=检察建议&section=cases"):
            rows.append((f"{url} (nothing kept)", *measure(client, url, args.requests)))
    if args.only != "cases":
        rows += bench_statistics(client, args.rows, max(5, args.requests // 4))
        rows += bench_internal(client, args.resolutions, max(5, args.requests // 4))
        rows += bench_recommendations(client, args.recommendations, max(5, args.requests // 4))
        rows += bench_penalties(client, args.penalties, max(5, args.requests // 4))
        rows += bench_clues(client, args.clues, max(5, args.requests // 4))
        rows += bench_hotline(client, args.tickets, args.import_rows, max(5, args.requests // 4))
    print(f"\n{args.cases} case examples, {args.requests} requests each (in-process test client)")
    report(rows)
    if args.served:
        from bench.served import run as served
        from campaigns.models import CaseExamplePage

        detail = CaseExamplePage.objects.live().order_by("pk").first().url
        served(
            os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{db_file}"),
            ["/", "/cases/", detail, "/search/?q=诈骗"],
        )


if __name__ == "__main__":
    main()
