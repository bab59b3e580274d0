"""Reminders by e-mail, run daily by the task queue (internal/jobs.py):
- each liaison gets a digest of their unit's resolutions that have newly come within 7 days of
  their deadline or gone past it; nothing is sent when there is nothing new to say;
- the office is told 30 days before the half-yearly 全体会议 or the year's 同堂培训 would be missed.
Every reminder is recorded (SentReminder, unique per recipient and key) in the same transaction as
the sending, so a re-run, a retry or a second worker never sends it twice."""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from home.people import display_name
from home.registries.roles import PERMISSION_BACKEND
from home.templatetags.fjld import cn_date

from .dashboard import DUE_SOON_DAYS, plenary_cadence, training_target
from .groups import VIEW_ALL
from .models import MemberUnit, Resolution, ResolutionStatus, SentReminder

log = logging.getLogger(__name__)
NOTICE_DAYS = 30
SIGNATURE = "此邮件由府检联动 · 普法与公开平台自动发送，同一事项只提醒一次。"


def admin_url(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL}/admin/{path}"


def send_once(recipient: str, keys: list[str], subject: str, body: str) -> bool:
    """Record the keys and send, atomically: a failed send leaves no record (it is retried next
    time), and a record already there (another run got in first) means no second send."""
    try:
        with transaction.atomic():
            SentReminder.objects.bulk_create(
                [SentReminder(recipient=recipient, key=key, subject=subject[:200]) for key in keys]
            )
            send_mail(subject, body, None, [recipient])
    except IntegrityError:
        return False
    except OSError:  # SMTP down: nothing recorded, the next run tries again
        log.exception("提醒邮件发送失败：%s", recipient)
        return False
    return True


def _unsent(recipient: str, keys: list[str], already: set[tuple[str, str]]) -> list[str]:
    return [key for key in keys if (recipient, key) not in already]


def resolution_key(resolution: Resolution, today: datetime.date) -> str:
    stage = "overdue" if resolution.deadline < today else "due"
    # The deadline is in the key: a resolution given a new deadline is reminded of again.
    return f"resolution:{resolution.pk}:{stage}:{resolution.deadline:%Y%m%d}"


def _resolution_line(resolution: Resolution) -> str:
    co_units = "、".join(unit.name for unit in resolution.co_units.all())
    return (
        f"· {resolution.requirement}\n"
        f"  {resolution.page.title}；牵头单位：{resolution.lead_unit.name}"
        f"{f'；配合单位：{co_units}' if co_units else ''}；完成时限：{cn_date(resolution.deadline)}；"
        f"当前状态：{ResolutionStatus(resolution.current_status).label}"
    )


def liaison_digest(user, items: list[Resolution], today: datetime.date) -> tuple[str, str]:
    overdue = [r for r in items if r.deadline < today]
    due = [r for r in items if r.deadline >= today]
    parts = []
    if overdue:
        parts.append(f"{len(overdue)} 项已逾期")
    if due:
        parts.append(f"{len(due)} 项 {DUE_SOON_DAYS} 日内到期")
    subject = f"【督查督办】您单位承担的议定事项：{'，'.join(parts)}"
    sections = []
    if overdue:
        sections.append("【已逾期】\n" + "\n".join(_resolution_line(r) for r in overdue))
    if due:
        sections.append(f"【{DUE_SOON_DAYS}日内到期】\n" + "\n".join(_resolution_line(r) for r in due))
    name = display_name(user)
    body = (
        f"{name}，您好：\n\n以下议定事项需要您的单位关注（截至{cn_date(today)}）：\n\n"
        + "\n\n".join(sections)
        + f"\n\n请登录平台报送办理进展：{admin_url('resolutions/')}\n\n{SIGNATURE}\n"
    )
    return subject, body


def send_liaison_digests(today: datetime.date | None = None) -> int:
    """One digest per liaison with something new to say; returns how many were sent."""
    today = today or timezone.localdate()
    resolutions = list(
        Resolution.objects.of_live_meetings()
        .due_by(today + datetime.timedelta(days=DUE_SOON_DAYS))
        .select_related("lead_unit", "page")
        .prefetch_related("co_units")
        .order_by("deadline", "pk")
    )
    liaisons_of = {
        unit.pk: [user for user in unit.liaisons.all() if user.is_active and user.email]
        for unit in MemberUnit.objects.filter(is_active=True).prefetch_related("liaisons")
    }
    users, items = {}, defaultdict(dict)
    for resolution in resolutions:
        for unit_id in {resolution.lead_unit_id, *(u.pk for u in resolution.co_units.all())}:
            for user in liaisons_of.get(unit_id, []):
                users[user.pk] = user
                items[user.pk][resolution.pk] = resolution  # once, even if lead and co-unit
    already = set(
        SentReminder.objects.filter(
            recipient__in=[u.email for u in users.values()], key__startswith="resolution:"
        ).values_list("recipient", "key")
    )
    sent = 0
    for user_pk, user in users.items():
        new = [r for r in items[user_pk].values() if (user.email, resolution_key(r, today)) not in already]
        if not new:
            continue
        subject, body = liaison_digest(user, new, today)
        sent += send_once(user.email, [resolution_key(r, today) for r in new], subject, body)
    return sent


def office_notices(today: datetime.date) -> list[tuple[str, str]]:
    """(key, text) of what the office should hear about today."""
    notices = []
    cadence = plenary_cadence(today)
    if cadence.last is None:
        notices.append(
            (
                "cadence:plenary:none",
                "平台上还没有记录全体会议。联席会议每半年召开一次全体会议，请及时安排并录入。",
            )
        )
    elif cadence.days_left <= NOTICE_DAYS:
        when = f"还有 {cadence.days_left} 天" if cadence.days_left >= 0 else f"已超过 {-cadence.days_left} 天"
        notices.append(
            (
                f"cadence:plenary:{cadence.last.date:%Y%m%d}",
                f"上次全体会议是{cadence.last.title}（{cn_date(cadence.last.date)}）。按每半年一次，"
                f"下次应于{cn_date(cadence.next_due)}前召开，{when}。",
            )
        )
    training = training_target(today)
    if not training.met and training.days_left <= NOTICE_DAYS:
        notices.append(
            (
                f"training:{training.year}",
                f"{training.year}年已开展同堂培训 {len(training.sessions)} 次，未达到每年不少于 "
                f"{training.target} 次的要求，距年底还有 {training.days_left} 天。",
            )
        )
    return notices


def send_office_notices(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    notices = office_notices(today)
    if not notices:
        return 0
    recipients = _holders(VIEW_ALL)
    already = set(
        SentReminder.objects.filter(recipient__in=recipients, key__in=[k for k, _ in notices]).values_list(
            "recipient", "key"
        )
    )
    sent = 0
    for recipient in recipients:
        keys = _unsent(recipient, [key for key, _ in notices], already)
        if not keys:
            continue
        texts = [text for key, text in notices if key in keys]
        body = (
            "联席会议办公室：\n\n"
            + "\n\n".join(f"{i}. {text}" for i, text in enumerate(texts, 1))
            + f"\n\n工作台：{admin_url('')}\n\n{SIGNATURE}\n"
        )
        sent += send_once(recipient, keys, "【联席会议办公室】会议和培训节点提醒", body)
    return sent


# --- 检察建议: the recommended unit's liaisons before and after the reply is due; the office of
# what newly went overdue; 法治督办 once a month; the procuratorate to verify a finished rectification.
REPLY_NOTICE_DAYS = (14, 3)


def _holders(permission: str) -> list[str]:
    return sorted(
        set(
            get_user_model()
            .objects.with_perm(permission, include_superusers=False, backend=PERMISSION_BACKEND)
            .filter(is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def _recommendation_line(item) -> str:
    return f"· {item.number}（{item.target}）：{item.state_label}，书面回复期限{cn_date(item.reply_due)}"


def _reply_stage(item, today) -> str:
    """'due14', 'due3' or 'overdue' for a recommendation still waiting for its reply, else ''."""
    from .models import RecommendationState

    waiting = {
        RecommendationState.DELIVERED,
        RecommendationState.AWAITING_REPLY,
        RecommendationState.OBJECTION,
    }
    if item.state == RecommendationState.REPLY_OVERDUE:
        return "overdue"
    if item.state not in waiting:
        return ""
    days_left = (item.reply_due - today).days
    for days in sorted(REPLY_NOTICE_DAYS):
        if days_left <= days:
            return f"due{days}"
    return ""


def recommendation_notices(today: datetime.date) -> list[tuple[str, str, str, str]]:
    """(recipient, key, subject, body) of every 检察建议 reminder due today, sent or not."""
    from .groups import FOLLOW_UP_RECOMMENDATIONS, MANAGE_RECOMMENDATIONS
    from .models import Recommendation, RecommendationState
    from .models.recommendation import VERIFY_AFTER_DAYS
    from .recommendations import with_states

    items = with_states(
        Recommendation.objects.with_records().prefetch_related("target_unit__liaisons"), today
    )
    notices = []
    url = admin_url("recommendations/")
    for item in items:
        stage = _reply_stage(item, today)
        if not stage or item.target_unit is None:
            continue
        if stage == "overdue":
            text = f"已超过书面回复期限（{cn_date(item.reply_due)}），请尽快书面回复检察院并在平台登记。"
        else:
            text = f"书面回复期限是{cn_date(item.reply_due)}，还有{(item.reply_due - today).days}天。"
        for user in item.target_unit.liaisons.all():
            if user.is_active and user.email:
                body = (
                    f"{display_name(user)}，您好：\n\n您单位收到的检察建议{item.number}{text}\n\n"
                    f"登记回复：{url}{item.pk}/\n\n{SIGNATURE}\n"
                )
                key = f"recommendation:{item.pk}:{stage}:{item.reply_due:%Y%m%d}"
                notices.append((user.email, key, f"【检察建议】{item.number}：{text[:40]}", body))
    overdue_states = {RecommendationState.REPLY_OVERDUE, RecommendationState.RECTIFICATION_OVERDUE}
    overdue = [i for i in items if i.state in overdue_states]
    for recipient in _holders(MANAGE_RECOMMENDATIONS):
        for item in overdue:
            body = f"新逾期的检察建议：\n\n{_recommendation_line(item)}\n\n台账：{url}{item.pk}/\n\n{SIGNATURE}\n"
            notices.append(
                (recipient, f"recommendation:{item.pk}:{item.state}:office", "【检察建议】新逾期事项", body)
            )
        for item in items:
            if item.state != RecommendationState.VERIFICATION_OVERDUE:  # the register's own state
                continue
            last = max((r for r in item.rectifications.all() if r.done), key=lambda r: (r.reported_on, r.pk))
            body = (
                f"{item.target}于{cn_date(last.reported_on)}报告检察建议{item.number}已整改完毕，"
                f"已超过{VERIFY_AFTER_DAYS}日仍未核查，请跟进核查整改是否到位。\n\n{url}{item.pk}/\n\n{SIGNATURE}\n"
            )
            key = f"recommendation:{item.pk}:verify:{last.pk}"
            notices.append((recipient, key, f"【检察建议】{item.number} 待核查整改", body))
    month = [
        i
        for i in items
        if i.state in overdue_states
        or (i.state == RecommendationState.REPLIED and any(r.adoption == "none" for r in i.replies.all()))
    ]
    if month:
        body = (
            f"截至{cn_date(today)}，逾期未回复、整改逾期和未采纳的检察建议共{len(month)}件：\n\n"
            + "\n".join(_recommendation_line(i) for i in month)
            + f"\n\n台账：{url}\n\n{SIGNATURE}\n"
        )
        for recipient in _holders(FOLLOW_UP_RECOMMENDATIONS):
            notices.append(
                (
                    recipient,
                    f"recommendation-month:{today:%Y-%m}",
                    f"【检察建议】{today.month}月督办清单",
                    body,
                )
            )
    return notices


def send_recommendation_reminders(today: datetime.date | None = None) -> int:
    """Every reminder due today not sent before: one e-mail per recipient and subject."""
    today = today or timezone.localdate()
    notices = recommendation_notices(today)
    already = set(
        SentReminder.objects.filter(key__in={key for _, key, _, _ in notices}).values_list("recipient", "key")
    )
    grouped: dict[tuple[str, str], list] = defaultdict(list)
    for recipient, key, subject, body in notices:
        if (recipient, key) not in already:
            grouped[(recipient, subject)].append((key, body))
    sent = 0
    for (recipient, subject), entries in grouped.items():
        body = (
            entries[0][1]
            if len(entries) == 1
            else "\n\n".join(b.replace(f"\n\n{SIGNATURE}\n", "") for _, b in entries) + f"\n\n{SIGNATURE}\n"
        )
        sent += send_once(recipient, [key for key, _ in entries], subject, body)
    return sent
