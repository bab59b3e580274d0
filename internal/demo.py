"""Demo internal section: the 永昌 joint meeting's member units and convenors (attachment 2),
four meetings with their resolutions in mixed states, and joint trainings."""

from home.demo_tools import DemoDates, ensure_child
from home.registries.demo import DemoColumn, DemoContent, DemoUser, demo_columns, demo_content, demo_users

from .groups import GOVERNMENT_FOLLOW_UP, LIAISONS, OFFICE, PROCURATORATE_OFFICE
from .models import (
    AttendanceStatus,
    MeetingAttendance,
    MeetingKind,
    MeetingPage,
    MemberUnit,
    Resolution,
    TraineeCategory,
    TrainingAttendance,
    TrainingForm,
    TrainingSessionPage,
    UnitKind,
)

CHINESE_NUMBERS = "零一二三四五六七八九十"

# Three years of trainings, the middle one without a joint training (the dashboard flags it), and none
# yet this year: the office is reminded. Dates as written for WRITTEN_FOR (home/demo_tools.DemoDates);
# slugs and titles follow the moved date ("{year}").
TRAININGS = [
    ("training-{year}", "{year}年度府检同堂培训", "2023-11-16", "县委党校", TrainingForm.JOINT,
     "县人民检察院副检察长、县司法局副局长", "行政执法与刑事司法衔接中的证据标准。"),
    ("training-{year}-trial", "行政诉讼庭审观摩", "2024-06-20", "县人民法院", TrainingForm.TRIAL,
     "县人民法院行政审判庭庭长", "观摩一起行政处罚案件庭审，行政机关负责人出庭应诉。"),
    ("training-{year}", "{year}年度府检同堂培训", "2025-10-23", "县委党校", TrainingForm.JOINT,
     "市人民检察院检察官、县司法局公职律师", "公益诉讼诉前磋商和检察建议办理；行政执法案卷评查标准。"),
    ("training-{year}-cases", "电信网络诈骗案例研讨", "2025-05-14", "县人民检察院", TrainingForm.CASE_STUDY,
     "县人民检察院第一检察部检察官", "帮助信息网络犯罪活动罪认定中的主观明知。"),
]  # fmt: skip

LEADS = [
    ("永昌县人民政府", "县政府", "李德志 副县长，县公安局局长（召集人）"),
    ("永昌县人民检察院", "县检察院", "李军年 县检察院检察长（召集人）"),
]
# (unit, member of the joint meeting) as in 附件2 of 永政发〔2026〕29号
MEMBERS = [
    ("县司法局", "王永海 副局长"),
    ("县发改局", "黄尔玉 副局长"),
    ("县教育局", "卢春彦 党组成员"),
    ("县科技局", "朱金川 副局长"),
    ("县工信局", "王杰才 副局长"),
    ("县公安局", "张铁勇 政委"),
    ("县民政局", "马元峰 副局长"),
    ("县财政局", "李君 党组成员"),
    ("县人社局", "李建霞 副局长"),
    ("县自然资源局", "刘国宝 副局长"),
    ("县住建局", "许建平 副局长"),
    ("县交通局", "赵吉财 县交通运输综合行政执法队副队长"),
    ("县水务局", "王斌 党组成员"),
    ("县农业农村局", "王培根 副局长"),
    ("县商务局", "单学福 副局长"),
    ("县文体广电和旅游局", "孙志鹞 副局长"),
    ("县卫健局", "郭永善 副局长"),
    ("县退役军人事务局", "白瑜 副局长"),
    ("县应急管理局", "孙英华 副局长"),
    ("县审计局", "俞兆福 党组成员"),
    ("县市场监督管理局", "任立泉 副局长"),
    ("县统计局", "李达青 副局长"),
    ("县医保局", "魏春 副局长"),
    ("金昌市生态环境局永昌分局", "郭承祥 执法队队长"),
    ("县消防救援局", "史飞天 政治委员"),
]

# (date, kind, convening lead, chair, agenda, absent {unit: delegate}, resolutions), as written for
# WRITTEN_FOR; each meeting's number, title and slug come from its moved date, "{year}" in its texts
# is its year and "{last_year}" the one before.
MEETINGS = [
    (
        "2025-03-20",
        MeetingKind.PLENARY,
        0,
        "李德志 副县长",
        "听取{last_year}年府检联动工作情况汇报；审议{year}年重点工作任务清单。",
        {"县科技局": "科员 张某"},
        [
            (
                "建立行政执法与刑事司法案件信息共享平台",
                "县司法局",
                ["县公安局", "县市场监督管理局"],
                "2025-09-30",
                "done",
            ),
            ("开展农民工工资支付专项检查", "县人社局", ["县住建局"], "2025-06-30", "done"),
            (
                "制定侵害未成年人案件强制报告工作细则",
                "县教育局",
                ["县民政局", "县公安局"],
                "2025-08-31",
                "done",
            ),
            ("推进河道非法采砂问题整治", "县水务局", ["县自然资源局"], "2025-12-31", "in_progress"),
            ("建立12345热线与12309热线数据互通机制", "县司法局", ["县公安局"], "2026-03-31", "in_progress"),
        ],
    ),
    (
        "2025-09-25",
        MeetingKind.ASSESSMENT,
        1,
        "李军年 检察长",
        "研判电信网络诈骗形势；通报检察建议办理情况。",
        {},
        [
            ("开展“断卡”行动联合宣传", "县公安局", ["县教育局"], "2025-12-31", "done"),
            ("督促落实校园周边食品安全整改", "县市场监督管理局", ["县教育局"], "2026-01-31", "done"),
            ("完善行政争议实质性化解协作办法", "县司法局", [], "2026-06-30", "in_progress"),
            ("推进耕地违法占用问题整改复垦", "县自然资源局", ["县农业农村局"], "2026-05-31", "in_progress"),
            ("建立涉企案件通报机制", "县发改局", ["县工信局", "县商务局"], "2026-04-30", "not_started"),
        ],
    ),
    (
        "2026-04-02",
        MeetingKind.PLENARY,
        1,
        "李军年 检察长",
        "学习《关于建立“府检联动”工作机制的实施办法》；部署{year}年重点工作。",
        {"县统计局": "科员 李某", "县医保局": "副主任科员 王某"},
        [
            ("编制{year}年府检联动重点工作任务清单", "县司法局", [], "2026-05-15", "done"),
            ("开展法治宣传“进网格”活动", "县司法局", ["县民政局"], "2026-09-30", "in_progress"),
            (
                "建立教育系统新入职人员违法犯罪记录查询台账",
                "县教育局",
                ["县公安局"],
                "2026-10-31",
                "in_progress",
            ),
            (
                "开展安全生产领域行政执法案卷评查",
                "县应急管理局",
                ["县消防救援局"],
                "2026-11-30",
                "not_started",
            ),
            (
                "推进生态环境损害赔偿与公益诉讼衔接",
                "金昌市生态环境局永昌分局",
                ["县自然资源局", "县水务局"],
                "2026-12-31",
                "in_progress",
            ),
            ("组织{year}年度府检同堂培训", "县司法局", [], "2026-11-15", "not_started"),
        ],
    ),
    (
        "2026-09-18",
        MeetingKind.BRIEFING,
        0,
        "李德志 副县长",
        "通报上半年议定事项落实情况；研究逾期事项的督办措施。",
        {},
        [
            ("对逾期议定事项逐项说明原因并限期完成", "县发改局", ["县商务局"], "2026-10-31", "not_started"),
            (
                "规范行政非诉执行申请前的催告程序",
                "县市场监督管理局",
                ["县司法局"],
                "2026-12-15",
                "in_progress",
            ),
            ("开展医保基金使用专项监督", "县医保局", ["县卫健局", "县公安局"], "2027-03-31", "not_started"),
            ("建立退役军人权益保护协作机制", "县退役军人事务局", [], "2027-01-31", "not_started"),
            (
                "开展消防安全隐患公益诉讼线索摸排",
                "县消防救援局",
                ["县应急管理局"],
                "2026-11-20",
                "in_progress",
            ),
        ],
    ),
]


def load_units() -> dict[str, MemberUnit]:
    units = {}
    for order, (name, short, representative) in enumerate(LEADS):
        units[name] = MemberUnit.objects.update_or_create(
            name=name,
            defaults={
                "short_name": short,
                "kind": UnitKind.LEAD,
                "representative": representative,
                "sort_order": order,
            },
        )[0]
    for order, (name, representative) in enumerate(MEMBERS, start=10):
        full = f"永昌{name}" if name.startswith("县") else name
        units[name] = MemberUnit.objects.update_or_create(
            name=full,
            defaults={
                "short_name": name,
                "kind": UnitKind.MEMBER,
                "representative": representative,
                "sort_order": order,
            },
        )[0]
    return units


def _resolution(units, dates, year, order, text, lead_unit, co_units, deadline, status) -> Resolution:
    resolution = Resolution(
        requirement=text.format(year=year),
        lead_unit=units[lead_unit],
        deadline=dates(deadline),
        status=status,
        sort_order=order,
    )
    resolution.co_units.set([units[name] for name in co_units])  # kept in memory until the page is saved
    return resolution


def load_trainings(index, units, dates: DemoDates) -> list[TrainingSessionPage]:
    pages = []
    attendees = [units["县司法局"], units["县公安局"], units["县市场监督管理局"], units["永昌县人民检察院"]]
    categories = [
        TraineeCategory.RULE_OF_LAW,
        TraineeCategory.ENFORCEMENT,
        TraineeCategory.ENFORCEMENT,
        TraineeCategory.PROCURATORS,
    ]
    for slug, title, day, place, form, trainers, content in TRAININGS:
        date = dates(day)
        page = ensure_child(
            index,
            TrainingSessionPage,
            slug.format(year=date.year),
            published=date,
            title=title.format(year=date.year),
            date=date,
            place=place,
            form=form,
            trainers=trainers,
            content=f"<p>{content}</p>",
        )
        if not TrainingAttendance.objects.filter(page_id=page.pk).exists():
            page = TrainingSessionPage.objects.get(pk=page.pk)
            page.attendance = [
                TrainingAttendance(unit=unit, category=category, count=6 + i * 3, sort_order=i)
                for i, (unit, category) in enumerate(zip(attendees, categories, strict=True))
            ]
            page.save_revision().publish()
        pages.append(page)
    return pages


def load(columns) -> list[MeetingPage]:
    index = columns["internal"]
    units = load_units()
    leads = [units[name] for name, _, _ in LEADS]
    dates = DemoDates.for_this_site()
    meetings, numbers = [], {}
    for day, kind, lead, chair, agenda, absent, resolutions in sorted(MEETINGS, key=lambda m: m[0]):
        date = dates(day)
        number = numbers[date.year] = numbers.get(date.year, 0) + 1
        page = ensure_child(
            index,
            MeetingPage,
            f"meeting-{date.year}-{number}",
            published=date,
            title=f"{date.year}年第{CHINESE_NUMBERS[number]}次联席会议（{MeetingKind(kind).label}）",
            number=number,
            date=date,
            kind=kind,
            convening_unit=leads[lead],
            chair=chair,
            agenda=f"<p>{agenda.format(year=date.year, last_year=date.year - 1)}</p>",
        )
        if not Resolution.objects.filter(page_id=page.pk).exists():
            page = MeetingPage.objects.get(pk=page.pk)  # a fresh instance: no half-committed children
            page.attendance = [
                MeetingAttendance(
                    unit=unit,
                    status=AttendanceStatus.DELEGATED
                    if unit.short_name in absent
                    else AttendanceStatus.PRESENT,
                    delegate=absent.get(unit.short_name, ""),
                    sort_order=i,
                )
                for i, unit in enumerate(units.values())
            ]
            page.minutes = "<p>会议听取了各成员单位工作汇报，形成以下议定事项，由联席会议办公室督查督办。</p>"
            page.resolutions = [
                _resolution(units, dates, date.year, i, *spec) for i, spec in enumerate(resolutions)
            ]
            page.save_revision().publish()
        meetings.append(page)
    load_trainings(index, units, dates)
    return meetings


DEMO_LIAISON_UNIT = "永昌县司法局"  # leads several demo resolutions


def link_demo_liaison(user) -> None:
    unit = MemberUnit.objects.filter(name=DEMO_LIAISON_UNIT).first()
    if unit is not None:
        unit.liaisons.add(user)


def load_demo(columns) -> str:
    from .demo_recommendations import load as load_recommendations

    meetings = load(columns)
    return f"{len(meetings)} 次联席会议，{len(load_recommendations())} 份检察建议"


demo_columns.register(
    DemoColumn(
        "internal.InternalIndexPage",
        "internal",
        "内部工作",
        "联席会议、议定事项督查督办和同堂培训记录，仅限联席会议办公室和成员单位联络员登录查看。",
        in_menu=False,
        order=90,
    )
)
demo_content.register(DemoContent("内部工作", load_demo, order=30))
demo_users.register(DemoUser("bangongshi", "联席会议办公室（演示）", (OFFICE,), order=60))
demo_users.register(
    DemoUser("lianluoyuan", "成员单位联络员（演示）", (LIAISONS,), after=link_demo_liaison, order=70)
)
demo_users.register(DemoUser("jianyi", "检察院检察建议管理（演示）", (PROCURATORATE_OFFICE,), order=65))
demo_users.register(DemoUser("fazhiduban", "县政府法治督办（演示）", (GOVERNMENT_FOLLOW_UP,), order=75))
