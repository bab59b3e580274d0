"""The register's reminders by e-mail, run daily by the task queue (clues/jobs.py), each sent once
(internal.reminders.send_once records it with the mail):

- whoever must take the next step is told when its deadline comes within 14 days and within 3 days,
  and once more when it has passed — so a short clock (approval in 3 days, transfer in 24 hours,
  the police's 3 days, the 复议 window) is announced when it starts, a long one (the ten working
  days' review, the two months' reply) twice ahead; an option's window is never "overdue";
- the procuratorate is told of a public-interest clue's month-end feedback the same way;
- on the first run of each month, the joint-meeting office gets the digest of what is late, by unit.

The key holds the deadline: a clue whose deadline moves (a pause, a corrected date, the calendar) is
reminded of again for the new one."""

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.utils import timezone

from home.registries.roles import PERMISSION_BACKEND
from home.templatetags.fjld import cn_date, cn_datetime
from internal.groups import VIEW_ALL
from internal.reminders import SIGNATURE, admin_url, send_once

from .lives import STEPS, By, window_codes
from .models import Clue
from .permissions import MANAGE_CLUES

AHEAD = (14, 3)  # days before a deadline when the one who must act is told


def phase(due: datetime.date, today: datetime.date, window: bool = False) -> str | None:
    if due < today:
        return None if window else "overdue"
    left = (due - today).days
    return next((f"{days}d" for days in sorted(AHEAD) if left <= days), None)


def procuratorate():
    return list(
        get_user_model()
        .objects.with_perm(MANAGE_CLUES, backend=PERMISSION_BACKEND)
        .exclude(email="")
        .filter(is_active=True, is_superuser=False)
    )


def responsible(clue: Clue, prosecutors: list) -> list:
    """Whoever records what follows the clue's stage (a unit's or the police's liaisons, or the
    procuratorate)."""
    rule = STEPS[(clue.kind, clue.stage)]
    people = []
    for by in {STEPS[(clue.kind, code)].by for code in rule.then}:
        if by == By.UNIT and clue.unit_id:
            people += list(clue.unit.liaisons.filter(is_active=True).exclude(email=""))
        elif by == By.POLICE and clue.police_unit_id:
            people += list(clue.police_unit.liaisons.filter(is_active=True).exclude(email=""))
        elif by == By.PROCURATORATE:
            people += prosecutors
    return list({person.pk: person for person in people}.values())


def due_text(clue: Clue) -> str:
    rule = STEPS[(clue.kind, clue.stage)]
    when = (
        f"{cn_datetime(timezone.localtime(clue.due_at))}前"
        if rule.clock.unit == "hours"
        else f"{cn_date(clue.due_on)}前"
    )
    nexts = "或".join(STEPS[(clue.kind, code)].label for code in rule.then)
    return f"{nexts}，{when}（{rule.clock.basis}）"


def send_clue_reminders(today: datetime.date | None = None) -> int:
    """Every reminder due today; returns how many mails went out."""
    today = today or timezone.localdate()
    prosecutors = procuratorate()
    windows = window_codes()
    sent = 0
    open_clues = (
        Clue.objects.filter(closed_on__isnull=True)
        .filter(due_on__isnull=False)
        .select_related("unit", "police_unit")
        .order_by("due_on", "pk")
    )
    for clue in open_clues:
        step = phase(clue.due_on, today, window=clue.stage in windows)
        if step is None:
            continue
        key = f"clue:{clue.pk}:{clue.stage}:{clue.due_on:%Y%m%d}:{step}"
        late = step == "overdue"
        subject = (
            f"【府检线索互通】{clue.number}{'已逾期' if late else '办理期限提醒'}：{clue.display_title}"[:200]
        )
        body = (
            f"{clue.get_kind_display()} {clue.number}（{clue.display_title}）\n"
            f"当前环节：{STEPS[(clue.kind, clue.stage)].stage}\n"
            f"{'已逾期' if late else '期限'}：{due_text(clue)}\n\n"
            f"请登录办理：{admin_url(f'clues/{clue.pk}/')}\n\n{SIGNATURE}"
        )
        for person in responsible(clue, prosecutors):
            sent += send_once(person.email, [key], subject, body)
    for clue in Clue.objects.filter(feedback_due__isnull=False).order_by("feedback_due", "pk"):
        step = phase(clue.feedback_due, today)
        if step is None:
            continue
        key = f"clue:{clue.pk}:feedback:{clue.feedback_due:%Y%m%d}:{step}"
        subject = f"【府检线索互通】{clue.number}向线索来源反馈{'已逾期' if step == 'overdue' else '提醒'}"
        body = (
            f"公益诉讼线索 {clue.number}（{clue.title}，来源：{clue.get_source_display()}）\n"
            f"请于{cn_date(clue.feedback_due)}前向线索来源反馈办理情况（每月移交、月底反馈）。\n\n"
            f"{admin_url(f'clues/{clue.pk}/')}\n\n{SIGNATURE}"
        )
        for person in prosecutors:
            sent += send_once(person.email, [key], subject, body)
    return sent + send_office_digest(today)


def send_office_digest(today: datetime.date) -> int:
    """The month's digest of late clues, by unit, to the joint-meeting office (once a month)."""
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(8)))
    late = list(
        Clue.objects.overdue(now).select_related("unit", "police_unit").order_by("unit__sort_order", "due_on")
    )
    if not late:
        return 0
    by_unit = defaultdict(list)
    for clue in late:
        by_unit[clue.unit.name if clue.unit_id else "检察院"].append(clue)
    lines = []
    for unit, clues in by_unit.items():
        lines.append(f"{unit}（{len(clues)} 件）")
        for clue in clues:
            what = due_text(clue) if clue.due_on and clue.stage not in window_codes() else "向线索来源反馈"
            lines.append(f"  · {clue.number} {clue.display_title}：{what}")
    subject = f"【府检线索互通】{today.year}年{today.month}月逾期事项：{len(late)} 件"
    body = "以下线索和移送案件已超过办理期限，按单位列出：\n\n" + "\n".join(lines)
    body += f"\n\n{admin_url('clues/?state=overdue')}\n\n{SIGNATURE}"
    office = (
        get_user_model()
        .objects.with_perm(VIEW_ALL, backend=PERMISSION_BACKEND)
        .filter(is_active=True, is_superuser=False)
        .exclude(email="")
    )
    key = f"clue-digest:{today:%Y-%m}"
    return sum(send_once(person.email, [key], subject, body) for person in office)
