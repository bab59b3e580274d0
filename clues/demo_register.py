"""A demo year of the register, dated back from the day the demo is loaded: every kind and the
states people meet — a transfer the police declined and then accepted after 立案监督, one 复议
upheld, one whose police decision is overdue, fresh reports awaiting approval; an overdue 检察意见 and
one answered and closed, one whose review is paused; a 12345 clue that became a 诉前检察建议, a
12309 clue still in 初查 with its month-end feedback due; the 建议移送 the 以罚代刑 screen opened
and the transfer that answered it; a 职务违法线索 handed to 纪检监察 (number and dates only)."""

import datetime

from django.utils import timezone

# (kind, reference, title, unit, source, [(code, days ago, "HH:MM" or "", notes)], extra)
CLUES = [
    ("transfer", "永市监移〔{y}〕3号", "涉嫌销售假冒注册商标的白酒", "县市场监督管理局", "", [
        ("reported", 150, "", ""), ("approved", 149, "10:00", ""), ("transferred", 148, "15:30", ""),
        ("declined", 146, "", "认为销售金额未达追诉标准，不予立案。"),
        ("supervision", 140, "", ""), ("explained", 135, "", "销售金额按已售部分计算不足五万元。"),
        ("notified", 128, "", ""), ("supervised_filed", 120, "", ""), ("items_handed", 118, "", ""),
    ], {}),
    ("transfer", "永自然资移〔{y}〕2号", "涉嫌非法占用永久基本农田建设厂房", "县自然资源局", "", [
        ("reported", 100, "", ""), ("approved", 99, "09:00", ""), ("transferred", 99, "16:00", ""),
        ("declined", 96, "", "占用面积待重新测绘。"), ("reconsideration", 94, "", ""),
        ("reconsidered_declined", 91, "", "复议维持不予立案决定。"),
    ], {}),
    ("transfer", "永卫移〔{y}〕1号", "涉嫌非法行医致人轻伤", "县卫健局", "", [
        ("reported", 12, "", ""), ("approved", 11, "11:00", ""), ("transferred", 10, "09:30", ""),
    ], {}),
    ("transfer", "永应急移〔{y}〕1号", "涉嫌非法储存危险化学品", "县应急管理局", "", [
        ("reported", 1, "", ""),
    ], {}),
    ("transfer", "永市监移〔{y}〕5号", "涉嫌生产、销售不符合安全标准的食品", "县市场监督管理局", "", [
        ("reported", 40, "", ""), ("approved", 39, "14:00", ""), ("transferred", 38, "10:00", ""),
        ("filed", 36, "", ""), ("items_handed", 34, "", ""),
    ], {}),
    ("opinion", "永检行意〔{y}〕2号", "不起诉案件：李某某非法采矿，建议给予行政处罚", "县自然资源局", "", [
        ("registered", 100, "", ""), ("opinion_delivered", 92, "", ""),
    ], {}),
    ("opinion", "永检行意〔{y}〕1号", "不起诉案件：王某某销售伪劣种子，建议没收违法所得并罚款", "县农业农村局", "", [
        ("registered", 160, "", ""), ("opinion_delivered", 150, "", ""),
        ("replied_punished", 110, "", "已作出没收违法所得1.2万元、罚款3万元的行政处罚（永农罚〔{y}〕9号）。"),
        ("followed_up", 95, "", "经核查，罚没款已缴纳，处罚决定已执行。"),
    ], {}),
    ("opinion", "永检行意〔{y}〕4号", "不起诉案件：赵某某无证驾驶营运车辆，建议吊销从业资格", "县交通局", "", [
        ("registered", 6, "", ""),
    ], {"pause": (3, None, "征求金昌市人民检察院意见")}),
    ("public_interest", "永检公线〔{y}〕6号", "北海子河道上游多处倾倒建筑垃圾", "县水务局", "12345", [
        ("received", 75, "", ""), ("case_opened", 68, "", ""),
        ("consulted", 60, "", "与县水务局、城关镇诉前磋商，明确清理责任。"), ("recommendation", 55, "", ""),
    ], {"feedback": (47, "已立案，已向县水务局制发诉前检察建议。"),
        "recommendation": ("永检行公建〔{y}〕21号", 54, False, "清理河道倾倒的建筑垃圾\n建立河道巡查和举报处置机制")}),
    ("public_interest", "永检公线〔{y}〕9号", "学校周边小卖部销售过期食品", "县市场监督管理局", "12309", [
        ("received", 3, "", ""),
    ], {}),
    ("public_interest", "永检公线〔{y}〕4号", "县城老街明代石牌坊周边违规搭建", "县文体广电和旅游局", "agency", [
        ("received", 120, "", ""), ("not_opened", 100, "", "经初查，违规搭建已由城管部门拆除，公益受损情形已消除。"),
    ], {"feedback": (100, "经初查不立案：违规搭建已拆除。")}),
    ("urge", "永检建移〔{y}〕2号", "建议移送：非法占用林地修建道路", "县自然资源局", "", [
        ("urged", 20, "", ""),
    ], {}),
    ("discipline", "永检移纪〔{y}〕1号", "", "", "", [
        ("found", 80, "", ""), ("handed_over", 78, "", ""),
    ], {}),
]  # fmt: skip


def load() -> str:
    from django.contrib.auth import get_user_model

    from internal.models import MemberUnit, Recommendation

    from .models import Clue, ClueStep, Finding, PenaltyReview
    from .register import open_clue, open_urge_for_review, record_step

    today = timezone.localdate()
    procurator = get_user_model().objects.filter(username="jianyi").first()
    police = MemberUnit.objects.filter(short_name="县公安局").first()
    if police is None:
        return "0 条府检互通线索（没有县公安局）"

    def day(days_ago):
        return today - datetime.timedelta(days=days_ago)

    for kind, reference, title, unit_name, source, steps, extra in CLUES:
        reference = reference.format(y=day(steps[0][1]).year)
        if Clue.objects.filter(reference=reference).exists():
            continue
        unit = MemberUnit.objects.filter(short_name=unit_name).first() if unit_name else None
        code, ago, at, notes = steps[0]
        clue = Clue(kind=kind, reference=reference, title=title, unit=unit, source=source,
                    police_unit=police if kind == "transfer" else None)  # fmt: skip
        open_clue(clue, day(ago), procurator, at=_time(at), notes=notes)
        for code, ago, at, notes in steps[1:]:
            rec = None
            if code == "recommendation" and "recommendation" in extra:
                number, delivered_ago, urgent, measures = extra["recommendation"]
                rec = Recommendation(
                    number=number.format(y=day(ago).year), kind="recommendation", category="public_interest",
                    target_unit=unit, issued_on=day(ago), delivered_on=day(delivered_ago), delivery_method="in_person",
                    reply_period_days=15 if urgent else None, problem=f"{title}，损害社会公共利益。", measures=measures,
                    created_by=procurator,
                )  # fmt: skip
            step = ClueStep(code=code, on=day(ago), at=_time(at), notes=notes.format(y=day(ago).year))
            record_step(clue, step, procurator, recommendation=rec)
        if "pause" in extra:
            started, ended, notes = extra["pause"]
            ClueStep.objects.create(
                clue=clue,
                code="pause",
                on=day(started),
                ends_on=ended and day(ended),
                notes=notes,
                recorded_by=procurator,
            )
        if "feedback" in extra:
            ago, notes = extra["feedback"]
            ClueStep.objects.create(
                clue=clue, code="feedback_to_source", on=day(ago), notes=notes, recorded_by=procurator
            )

    # the screen's 建议移送 (clues/demo.py recorded the finding), answered with a transfer
    for review in PenaltyReview.objects.filter(finding=Finding.TRANSFER).select_related("decision__unit"):
        urge = open_urge_for_review(review, procurator)
        if urge is not None:
            on = min(today, review.reviewed_on + datetime.timedelta(days=5))
            record_step(urge, ClueStep(code="urge_transferred", on=on), procurator, police_unit=police)
            transfer = urge.opened.get()
            record_step(transfer, ClueStep(code="approved", on=on, at=datetime.time(9)), procurator)
            record_step(transfer, ClueStep(code="transferred", on=on, at=datetime.time(15)), procurator)
            if on + datetime.timedelta(days=2) <= today:
                record_step(transfer, ClueStep(code="filed", on=on + datetime.timedelta(days=2)), procurator)
    return f"{Clue.objects.count()} 条府检互通线索"


def _time(text: str):
    return datetime.time.fromisoformat(text) if text else None
