"""Demo 依申请公开台账: applications of last year and this from citizens and organisations —
answered, extended (after consulting another organ), one taken to 行政复议 and one to court,
awaiting a 补正, one still open (dates relative to the day the demo was first loaded, through the real
working calendar) — and last year's 年度报告 of the county government."""

import datetime

from home.demo_tools import DemoDates

from .models import (
    AnnualReportPage,
    DisclosureGuidePage,
    InformationRequest,
    PublishingUnit,
    RequestConsultation,
    RequestReview,
)

# (days ago received, unit name contains, applicant type, name, phone, description, fields)
APPLICATIONS = [
    # last year's (the demo 年度报告 is last year's, as the 条例 has it published by 31 March)
    (420, "人民政府", "person", "刘某某", "13600000004", "本县2024年度财政预算执行情况。",
     {"replied_after": 10, "outcome": "disclosed", "reply_text": "已提供。"}),
    (390, "人民政府", "commercial", "某某物流有限公司", "0935-7500003", "县城区货车限行政策的制定依据。",
     {"replied_after": 18, "outcome": "process", "reply_text": "属于过程性信息，不予公开。"}),
    (350, "人民政府", "person", "陈某", "13500000005", "某村土地承包经营权确权名册。",
     {"replied_after": 9, "outcome": "third_party", "reply_text": "涉及第三方个人信息，不予公开。",
      "reviews": [("reconsideration", 20, 58, "upheld")]}),
    (200, "人民政府", "person", "张某某", "13800000001", "本县2025年城乡低保资金发放情况。",
     {"replied_after": 12, "outcome": "disclosed", "reply_text": "已通过电子邮件提供发放汇总表。"}),
    (150, "人民政府", "commercial", "某某建材有限公司", "0935-7500001", "县城区某地块土地征收补偿方案。",
     {"replied_after": 25, "outcome": "partial", "extension_approved": True, "extension_reason": "涉及多个部门，需要会商。",
      "reply_text": "公开补偿方案，涉及个人的补偿明细不予公开。",
      "consultations": [("other_organ", "县自然资源局", 3, 9)],
      "reviews": [("litigation_direct", 30, None, "")]}),
    (90, "检察院", "person", "李某", "13900000002", "某案件的起诉书。",
     {"replied_after": 8, "outcome": "case_file", "reply_text": "属于行政执法案卷信息，不予公开。"}),
    (40, "人民政府", "legal_service", "某某律师事务所", "0935-7500002", "县政府2026年行政复议案件统计。",
     {"replied_after": 15, "outcome": "not_held", "reply_text": "本机关不掌握，告知向县司法局申请。"}),
    (10, "人民政府", "person", "王某某", "13700000003", "关于农村道路建设的文件。",
     {"correction_after": 3, "reply_text": ""}),
    (3, "人民政府", "research", "某某大学法学院", "0931-8900000", "2025年政府信息公开申请办理情况原始台账。", {}),
]  # fmt: skip


def load() -> int:
    today = DemoDates.for_this_site().today
    for ago, unit_hint, kind, name, phone, description, fields in APPLICATIONS:
        if InformationRequest.objects.filter(applicant_name=name, description=description).exists():
            continue
        received = today - datetime.timedelta(days=ago)
        unit = (
            PublishingUnit.objects.filter(name__contains=unit_hint).first() or PublishingUnit.objects.first()
        )
        application = InformationRequest(
            publishing_unit=unit,
            channel="online" if ago % 2 else "post",
            received_on=received,
            applicant_type=kind,
            applicant_name=name,
            phone=phone,
            description=description,
            extension_approved=fields.get("extension_approved", False),
            extension_reason=fields.get("extension_reason", ""),
            reply_text=fields.get("reply_text", ""),
        )
        if "replied_after" in fields:
            application.replied_on = received + datetime.timedelta(days=fields["replied_after"])
            application.outcome = fields["outcome"]
        if "correction_after" in fields:
            application.correction_sent_on = received + datetime.timedelta(days=fields["correction_after"])
        application.save()
        for kind, party, sent_after, replied_after in fields.get("consultations", ()):
            RequestConsultation.objects.create(
                request=application,
                kind=kind,
                party=party,
                sent_on=received + datetime.timedelta(days=sent_after),
                replied_on=received + datetime.timedelta(days=replied_after),
            )
        for kind, filed_after, decided_after, result in fields.get("reviews", ()):
            filed = application.replied_on + datetime.timedelta(days=filed_after)
            RequestReview.objects.create(
                request=application,
                kind=kind,
                filed_on=filed,
                decided_on=filed + datetime.timedelta(days=decided_after) if decided_after else None,
                result=result,
            )
    load_report(today.year - 1)
    load_guide()
    return InformationRequest.objects.count()


def load_report(year: int) -> None:
    """The government's 年度报告 for the demo year, as a draft to review (tables from the register)."""
    from home.demo_tools import ensure_child

    from .releases import default_index

    index = default_index()
    unit = PublishingUnit.objects.filter(name__contains="人民政府").first()
    if index is None or unit is None:
        return
    ensure_child(
        index,
        AnnualReportPage,
        f"annual-report-{year}",
        title=f"{unit.name}{year}年政府信息公开工作年度报告（演示）",
        year=year,
        publishing_unit=unit,
        overview="<p>本年度，本机关认真贯彻《中华人民共和国政府信息公开条例》，依托府检联动平台主动公开政策文件，"
        "依法办理政府信息公开申请，按期答复率保持较高水平。（演示内容）</p>",
        problems="<p>部分申请答复说理不够充分。下一步将加强答复文书审核，开展业务培训。（演示内容）</p>",
        permits=126,
        penalties=48,
        coercion=3,
        fees=0,
    )


def load_guide() -> None:
    """The county government's 政府信息公开指南 (条例 第十二条)."""
    from home.demo_tools import ensure_child

    from .releases import default_index

    index = default_index()
    unit = PublishingUnit.objects.filter(name__contains="人民政府").first()
    if index is None or unit is None:
        return
    ensure_child(
        index,
        DisclosureGuidePage,
        "guide",
        title=f"{unit.name}政府信息公开指南",
        publishing_unit=unit,
        proactive="<p>本机关主动公开机构职能、政策文件、规划计划、财政预决算、行政执法等信息，在本平台“信息公开”栏目发布，"
        "自信息形成或者变更之日起20个工作日内公开。政策文件按主题分类编入政府信息公开目录。</p>",
        application="<p>公民、法人或者其他组织可以通过本平台在线提交申请，也可以当面、信函或电子邮件提出。申请应写明申请人的姓名或名称、"
        "联系方式，所需政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式。本机关自收到申请之日起20个工作日内答复，"
        "需要延长的延长期限最长不超过20个工作日。</p>",
        office_name=f"{unit.name}办公室（政府信息公开工作机构）",
        office_address="甘肃省金昌市永昌县城关镇（演示地址）",
        office_postcode="737200",
        office_phone="0935-7500000",
        remedies="<p>认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，"
        "也可以依法申请行政复议或者提起行政诉讼。</p>",
    )
