"""网站自查 for 普法: legal consultations must be answered (普查: not within 3 months is a failure)."""

import datetime
from collections import defaultdict

from home.operations.self_check import HealthCheck, Problem, checks, page_problem
from home.templatetags.fjld import cn_date

CONSULTATION_DAYS = 90


def check_consultations(now) -> list[Problem]:
    from wagtail.contrib.forms.models import FormSubmission

    from campaigns.models import FormKind

    cutoff = now - datetime.timedelta(days=CONSULTATION_DAYS)
    late = (
        FormSubmission.objects.filter(
            page__formpage__kind=FormKind.CONSULTATION, submit_time__lt=cutoff, reply__isnull=True
        )
        .select_related("page")
        .order_by("submit_time")
    )
    counts, oldest, pages = defaultdict(int), {}, {}
    for submission in late:
        counts[submission.page_id] += 1
        oldest.setdefault(submission.page_id, submission.submit_time)
        pages[submission.page_id] = submission.page
    return [
        page_problem(
            "unanswered_consultation",
            pages[page_id],
            f"“{pages[page_id].title}”有{count}条咨询超过{CONSULTATION_DAYS}天未答复"
            f"（最早提交于{cn_date(oldest[page_id])}）。请在“法律咨询答复”中记录答复。",
        )
        for page_id, count in counts.items()
    ]


checks.register(
    HealthCheck("unanswered_consultation", "法律咨询超过90天未答复", check_consultations, order=70)
)
