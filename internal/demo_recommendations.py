"""Demo 检察建议台账: a year of recommendations from 永昌县人民检察院 to county departments and a
town, in every state (dates relative to the day the demo was first loaded, so the states stay true whenever the demo loads)."""

import datetime

from django.db import transaction

from home.demo_tools import DemoDates

from .models import (
    Adoption,
    CopyReason,
    DeliveryMethod,
    Escalation,
    EscalationKind,
    Incident,
    IncidentKind,
    MemberUnit,
    Objection,
    ObjectionOutcome,
    Recommendation,
    RecommendationKind,
    RecommendationType,
    Rectification,
    Reply,
    Verification,
)

K, T = RecommendationKind, RecommendationType
# (文号 prefix, kind, type, unit (member short name) or organ, days ago issued, days to delivery,
#  reply period in days (None: two months), copy reason, problem, measures, records), in the order
# issued: the 文号 is numbered within the year of issue.
# records: (kind, days ago, fields)
RECOMMENDATIONS = [
    ("永检行建", K.RECOMMENDATION, T.CORRECTION, "县市场监督管理局", 300, 2, None, "",
     "个别食品经营许可审查未按规定进行现场核查，许可档案缺少核查记录。",
     "对2025年以来核发的食品经营许可开展自查\n建立现场核查记录归档制度",
     [("reply", 240, {"adoption": Adoption.FULL, "measures": "已完成自查，补正档案12份。", "promised": -180}),
      ("rectification", 200, {"text": "自查完毕，制定《现场核查工作规程》。", "done": True}),
      ("verification", 160, {"passed": True, "notes": "回访抽查20份档案，核查记录齐全。"}),
      ("close", 150, {})]),
    ("永检公建", K.RECOMMENDATION, T.PUBLIC_INTEREST, "县自然资源局", 260, 1, None, CopyReason.IMPACT,
     "某采石场越界开采，破坏林地约12亩，未依法查处。",
     "依法查处越界开采行为\n督促责任主体限期完成生态修复",
     [("reply", 200, {"adoption": Adoption.FULL, "measures": "已立案查处，责令停止开采并制定修复方案。", "promised": -120}),
      ("rectification", 150, {"text": "复绿6亩，剩余部分雨季后完成。", "done": False}),
      ("verification", 100, {"passed": True, "notes": "现场回访，修复完成，林地植被恢复。"})]),
    ("永检行建", K.RECOMMENDATION, T.CORRECTION, "县人社局", 230, 3, None, "",
     "欠薪投诉案件办理超期，部分案件未书面告知处理结果。",
     "清理超期投诉案件\n落实书面告知制度",
     [("objection", 226, {"grounds": "部分案件因用人单位下落不明中止办理，不属于超期。"}),
      ("review", 220, {"outcome": ObjectionOutcome.WITHDRAWN, "explanation": "经复核，涉及案件均已依法中止并告知，撤回本检察建议。"})]),
    ("永检行建", K.RECOMMENDATION, T.CORRECTION, "县交通局", 200, 2, None, CopyReason.ATTENTION,
     "道路运输车辆动态监控平台报警信息长期未处置。",
     "建立报警信息日清制度\n对长期不处置的企业依法处罚",
     [("reply", 120, {"adoption": Adoption.PARTIAL, "reasons": "处罚需待省级平台数据核实。", "measures": "建立日清制度。", "promised": -40}),
      ("escalation", 30, {"kind": EscalationKind.URGE, "notes": "县政府办发函督促限期整改。"}),
      ("escalation", 12, {"kind": EscalationKind.INTERVIEW, "notes": "分管副县长约谈县交通局主要负责人。"}),
      ("incident", 12, {"kind": IncidentKind.NOT_RECTIFIED, "notes": "经督促仍未整改到位。"})]),
    ("永检社建", K.RECOMMENDATION, T.GOVERNANCE, "县教育局", 150, 1, None, CopyReason.TYPICAL,
     "校外培训机构从业人员入职查询制度落实不到位。",
     "全面开展从业人员入职查询\n将查询情况纳入年检",
     [("reply", 100, {"adoption": Adoption.FULL, "measures": "完成87家机构从业人员查询。", "promised": 60}),
      ("rectification", 40, {"text": "年检办法已修订，待县政府审定。", "done": False})]),
    ("永检公建", K.RECOMMENDATION, T.PUBLIC_INTEREST, "县水务局", 120, 2, 15, "",
     "某河段非法采砂，河道堤防受损，汛期存在安全隐患。",
     "立即制止非法采砂\n汛前完成堤防修复",
     [("escalation", 60, {"kind": EscalationKind.LAWSUIT, "notes": "逾期未依法履职，依法提起行政公益诉讼。"})]),
    ("永检行建", K.RECOMMENDATION, T.CORRECTION, "县卫健局", 100, 2, None, "",
     "医疗废物处置监管检查记录不全。",
     "完善监督检查记录",
     [("reply", 50, {"adoption": Adoption.NONE, "reasons": "医疗废物处置监管属生态环境部门职责。"})]),
    ("永检提", K.REMINDER, T.GOVERNANCE, "县应急管理局", 90, 2, None, "",
     "部分企业安全生产培训台账不实。",
     "开展安全生产培训专项检查",
     [("rectification", 20, {"text": "已检查企业15家。", "done": False})]),
    ("永检行建", K.RECOMMENDATION, T.CORRECTION, "县农业农村局", 95, 2, None, "",
     "农药经营许可证到期未换证仍在经营，未依法查处。",
     "清理到期未换证的农药经营单位\n依法查处无证经营",
     []),
    ("永检行建", K.RECOMMENDATION, T.CORRECTION, "县住建局", 58, 2, None, CopyReason.NOTICE,
     "建筑工地扬尘治理行政处罚案件自由裁量不统一。",
     "制定扬尘处罚裁量基准",
     []),
    ("永检行建", K.RECOMMENDATION, T.CORRECTION, "县司法局", 12, 2, None, "",
     "行政执法人员证件管理不规范，个别离岗人员证件未收回。",
     "清理行政执法证件\n建立离岗收证制度",
     [("objection", 8, {"grounds": "离岗人员证件已申请注销，待省厅办理。"})]),  # under review now
    ("永检社建", K.RECOMMENDATION, T.GOVERNANCE, "县民政局", 30, 1, None, "",
     "特困人员认定档案中部分家庭经济状况核对材料缺失。",
     "补齐核对材料\n建立定期复核制度",
     []),
    ("永检公建", K.OPINION, T.PUBLIC_INTEREST, "城关镇人民政府", 3, 1, None, "",
     "镇区农贸市场周边餐饮油烟直排，群众反映强烈。",
     "督促餐饮经营者安装油烟净化设施",
     []),
]  # fmt: skip


def _unit(name: str):
    return MemberUnit.objects.filter(short_name=name).first() or MemberUnit.objects.filter(name=name).first()


def _day(today, days_ago: int) -> datetime.date:
    return today - datetime.timedelta(days=days_ago)


def load() -> list[Recommendation]:
    from django.apps import apps

    legal_area = apps.get_model("campaigns", "LegalArea").objects.order_by("sort_order").first()
    today = DemoDates.for_this_site().today
    loaded, numbered = [], {}
    for (
        prefix,
        kind,
        category,
        unit_name,
        ago,
        delivery,
        period,
        reason,
        problem,
        measures,
        records,
    ) in sorted(RECOMMENDATIONS, key=lambda spec: -spec[4]):
        unit = _unit(unit_name)
        issued = _day(today, ago)
        delivered = issued + datetime.timedelta(days=delivery)
        numbered[issued.year] = numbered.get(issued.year, 0) + 1
        number = f"{prefix}〔{issued.year}〕{numbered[issued.year]}号"
        with transaction.atomic():
            recommendation, created = Recommendation.objects.update_or_create(
                number=number,
                defaults={
                    "kind": kind,
                    "category": category,
                    "target_unit": unit,
                    "target_name": "" if unit else unit_name,
                    "issued_on": issued,
                    "delivered_on": delivered,
                    "delivery_method": DeliveryMethod.IN_PERSON,
                    "reply_period_days": period or None,
                    "copied_to_government": bool(reason),
                    "copy_reason": reason,
                    "problem": problem,
                    "measures": measures,
                    "legal_area": legal_area,
                },
            )
            if created:
                _add_records(recommendation, records, today)
        loaded.append(recommendation)
    return loaded


def _add_records(recommendation: Recommendation, records, today) -> None:
    for kind, ago, fields in records:
        day = _day(today, ago)
        if kind == "objection":
            Objection.objects.create(recommendation=recommendation, filed_on=day, grounds=fields["grounds"])
        elif kind == "review":
            objection = recommendation.objections.get(outcome="")
            objection.outcome, objection.decided_on, objection.explanation = (
                fields["outcome"],
                day,
                fields["explanation"],
            )
            objection.save()
        elif kind == "reply":
            promised = fields.get("promised")
            Reply.objects.create(
                recommendation=recommendation,
                replied_on=day,
                adoption=fields["adoption"],
                reasons=fields.get("reasons", ""),
                measures=fields.get("measures", ""),
                promised_by=today + datetime.timedelta(days=promised) if promised is not None else None,
            )
        elif kind == "rectification":
            Rectification.objects.create(
                recommendation=recommendation, reported_on=day, text=fields["text"], done=fields["done"]
            )
        elif kind == "verification":
            Verification.objects.create(
                recommendation=recommendation, visited_on=day, passed=fields["passed"], notes=fields["notes"]
            )
        elif kind == "escalation":
            Escalation.objects.create(
                recommendation=recommendation, kind=fields["kind"], taken_on=day, notes=fields["notes"]
            )
        elif kind == "incident":
            Incident.objects.create(
                recommendation=recommendation, kind=fields["kind"], occurred_on=day, notes=fields["notes"]
            )
        elif kind == "close":
            recommendation.closed_on = day
            recommendation.save(update_fields=["closed_on"])
