"""A demo year of 12345 and 12309 工单 for 永昌县's towns, dated back from the day the demo is loaded:
some 250 a month, most of them what a hotline hears every day (roads, heating, wages, 物业), a few
touching the 公益诉讼 fields spread so that no town repeats one field often — and two planted 类案:
河道倾倒建筑垃圾 in 城关镇 about three months ago (already a clue: the register's 北海子 clue) and
过期食品 sold near schools in 河西堡镇 last month (waiting for the procuratorate to act)."""

import datetime
import random

from django.utils import timezone

from home.registries.demo import DemoContent, DemoUser, demo_content, demo_users

from .roles import CENTRE

TOWNS = [
    "城关镇",
    "河西堡镇",
    "新城子镇",
    "朱王堡镇",
    "东寨镇",
    "水源镇",
    "红山窑镇",
    "焦家庄镇",
    "六坝镇",
    "南坝乡",
]
VILLAGES = ["东关社区", "西街社区", "金川社区", "新村", "高家庄村", "毛卜喇村", "杜家寨村", "北海子社区"]
EVERYDAY = [
    ("城乡建设", "小区暖气不热，室温只有十五度左右，请供热公司检修。", "县住建局"),
    ("城乡建设", "小区电梯经常停运，物业一直不维修。", "县住建局"),
    ("交通出行", "道路坑洼积水，车辆经过时泥水溅到行人身上。", "县交通局"),
    ("交通出行", "公交车班次太少，早上上班等车时间过长。", "县交通局"),
    ("劳动保障", "在建筑工地务工三个月，老板拖欠工资不给。", "县人社局"),
    ("劳动保障", "单位没有给缴纳社会保险，咨询如何补缴。", "县人社局"),
    ("城乡建设", "路灯坏了好几天，晚上出行不便。", "县住建局"),
    ("教育", "孩子入学报名需要准备哪些材料。", "县教育局"),
    ("医疗卫生", "医院挂号排队时间太长，希望增加窗口。", "县卫健局"),
    ("城乡建设", "自来水水压太低，高层住户用水困难。", "县水务局"),
    ("市场监管", "网购商品退货，商家拒不退款。", "县市场监督管理局"),
    ("农业农村", "咨询今年种粮补贴什么时候发放。", "县农业农村局"),
]  # fmt: skip
# A 公益诉讼 field's everyday 工单 (sorted by the seeded rules), spread thin across towns.
TOUCHING = [
    ("生态环境", "村口空地有人堆放生活垃圾，长期无人清运。", "县住建局"),
    ("生态环境", "砂石厂粉尘很大，周边农田被覆盖。", "金昌市生态环境局永昌分局"),
    ("市场监管", "餐馆后厨卫生差，发现食材霉变。", "县市场监督管理局"),
    ("安全生产", "小区地下车库有人飞线充电，存在安全隐患。", "县消防救援局"),
    ("社会保障", "反映村里有人冒领去世老人的养老金。", "县人社局"),
    ("文化旅游", "村里的古建筑年久失修，墙体开裂。", "县文体广电和旅游局"),
    ("城乡建设", "人行道上的盲道被摊位占用。", "县住建局"),
    ("教育", "网吧允许未成年人进入上网。", "县文体广电和旅游局"),
]  # fmt: skip
RIVER = "北海子河道上游有人倾倒建筑垃圾，河水发臭，请尽快清理。"
FOOD = "学校周边小卖部销售过期食品，学生买了吃后肚子疼。"


def build(today: datetime.date, seed: int = 29) -> list[dict]:
    rng = random.Random(seed)
    start = today - datetime.timedelta(days=365)
    rows = []

    def add(day, category, content, town, handler, village="", source="12345"):
        rows.append({
            "source": source, "received_on": day, "category": category, "content": content, "township": town,
            "village": village or rng.choice(VILLAGES), "handler": handler,
            "status": "已办结" if day < today - datetime.timedelta(days=10) else "办理中",
        })  # fmt: skip

    day = start
    while day < today:
        for _ in range(rng.randint(5, 11)):
            category, content, handler = rng.choice(EVERYDAY)
            town = rng.choices(TOWNS, weights=[6, 3, 1, 1, 1, 1, 1, 1, 1, 1])[0]
            add(day, category, content, town, handler, source="12309" if rng.random() < 0.08 else "12345")
        day += datetime.timedelta(days=1)
    # the fields' everyday 工单: each (town, kind) at most once a fortnight — never a 类案 by chance
    for index, (category, content, handler) in enumerate(TOUCHING):
        for town_index, town in enumerate(TOWNS):
            offset = (index * 7 + town_index * 5) % 30
            day = start + datetime.timedelta(days=offset)
            while day < today:
                if rng.random() < 0.35:
                    add(day, category, content, town, handler)
                day += datetime.timedelta(days=rng.randint(16, 40))
    for i in range(6):  # 类案: 河道倾倒 in 城关镇, about three months ago
        add(
            today - datetime.timedelta(days=95 - i * 3), "生态环境", RIVER, "城关镇", "县水务局", "北海子社区"
        )
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    for i in range(5):  # 类案: 过期食品 near schools in 河西堡镇, last month
        add(
            last_month + datetime.timedelta(days=2 + i * 5),
            "市场监管",
            FOOD,
            "河西堡镇",
            "县市场监督管理局",
            "新村",
        )
    rows.sort(key=lambda r: r["received_on"])
    for n, row in enumerate(rows, start=1):
        prefix = "GD" if row["source"] == "12345" else "JC"
        row["number"] = f"{prefix}{row['received_on']:%Y%m%d}{n:05d}"
    return rows


def load(columns) -> str:
    from clues.models import Clue

    from .models import ColumnMapping, HotlineImport, ImportStatus, Ticket
    from .sorting import active_rules, sort_ticket, words_of
    from .ticket_import import recount_months

    if Ticket.objects.exists():
        return f"{Ticket.objects.count()} 件民生诉求工单"
    today = timezone.localdate()
    rules = active_rules()
    tickets = []
    for row in build(today):
        field, rule, hit = sort_ticket(row["content"], rules)
        tickets.append(Ticket(**row, field=field, rule_id=rule, matched=hit, words=words_of(row["content"])))
    Ticket.objects.bulk_create(tickets, batch_size=1000)
    recount_months({t.received_on.replace(day=1) for t in tickets})
    river = Clue.objects.filter(title__startswith="北海子河道上游").first()
    if river is not None:
        Ticket.objects.filter(content=RIVER).update(clue=river)
    last = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    imported = sum(
        1
        for t in tickets
        if t.received_on >= last and t.source == "12345" and t.received_on < today.replace(day=1)
    )
    HotlineImport.objects.create(
        source="12345", filename=f"永昌县12345工单明细{last:%Y年%m月}.xlsx", status=ImportStatus.DONE,
        total=imported, done=imported, imported=imported, finished_at=timezone.now(),
        masked={"手机号码": 41, "姓名": 37, "门牌号": 12, "居民身份证号码": 3, "车牌号码": 2},
    )  # fmt: skip
    ColumnMapping.objects.get_or_create(
        source="12345",
        defaults={"mapping": {"number": "工单编号", "received": "来电时间", "category": "一级分类", "content": "诉求内容",
                              "township": "所属乡镇", "village": "村（社区）", "handler": "承办单位", "status": "办理状态"}},
    )  # fmt: skip
    return f"{len(tickets)} 件民生诉求工单"


demo_content.register(DemoContent("民生诉求研判", load, order=45))
demo_users.register(DemoUser("zhengwu", "县政务服务中心联络员（演示）", (CENTRE,), order=74))
