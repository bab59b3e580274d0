"""Demo 行政处罚决定 for the 以罚代刑 screen: two units' recent decisions, some under the 立案追诉标准,
some over it — one the procuratorate proposed to transfer, one it found needed no transfer (with its
reasons), one still waiting for its finding. Dates stand relative to the day the demo is loaded."""

import datetime
from decimal import Decimal

from django.utils import timezone

from home.registries.demo import DemoContent, DemoUser, demo_content, demo_users
from internal.groups import LIAISONS

# (unit's short name, 决定书文号, 案由, 当事人, amount, unit, 处罚内容, days before today, finding)
DECISIONS = [
    ("县农业农村局", "永农罚〔{y}〕11号", "销售伪劣产品（以次充好的复合肥）", "永昌县某某农资经营部", "86000", "元",
     "没收伪劣化肥，罚款17.2万元", 75, ("transfer", "销售金额8.6万元，已达销售金额五万元的追诉标准，建议移送县公安局。")),
    ("县农业农村局", "永农罚〔{y}〕14号", "销售不合格种子", "张三", "12000", "元", "罚款2.4万元", 60, None),
    ("县农业农村局", "永农罚〔{y}〕17号", "以次充好销售兽药", "李四", "5.3", "万元", "没收违法所得，罚款10.6万元", 20, None),
    ("县自然资源局", "永自然资罚〔{y}〕5号", "非法占用永久基本农田建设养殖棚", "王五", "6.2", "亩",
     "责令退还，限期拆除，罚款", 90, ("no_transfer", "经现场复核，实际占用永久基本农田3.1亩，原录入面积含已批准的设施农用地，不需移送。")),
    ("县自然资源局", "永自然资罚〔{y}〕9号", "非法占用耕地建房", "赵六", "420", "平方米", "责令退还，限期拆除", 45, None),
    ("县自然资源局", "永自然资罚〔{y}〕12号", "非法占用耕地堆放砂石", "永昌县某某建材有限公司", "0.8", "公顷",
     "责令退还，恢复种植条件，罚款", 12, None),
    ("县自然资源局", "永自然资罚〔{y}〕15号", "非法占用林地修建道路", "孙七", "3", "亩", "责令恢复原状，罚款", 8, None),
]  # fmt: skip


def load(columns) -> str:
    from django.contrib.auth import get_user_model

    from internal.models import MemberUnit

    from .models import PenaltyDecision, PenaltyReview

    today = timezone.localdate()
    procurator = get_user_model().objects.filter(username="jianyi").first()
    made = 0
    for short, number, cause, party, amount, unit_of, penalty, days_ago, finding in DECISIONS:
        unit = MemberUnit.objects.filter(short_name=short).first()
        if unit is None:
            continue
        decided_on = today - datetime.timedelta(days=days_ago)
        decision, created = PenaltyDecision.objects.get_or_create(
            unit=unit,
            number=number.format(y=decided_on.year),
            defaults={
                "cause": cause,
                "party": party,
                "amount": Decimal(amount),
                "amount_unit": unit_of,
                "penalty": penalty,
                "decided_on": decided_on,
            },
        )
        made += created
        if finding and not hasattr(decision, "review"):
            PenaltyReview.objects.create(
                decision=decision,
                finding=finding[0],
                reasons=finding[1],
                reviewed_on=min(today, decided_on + datetime.timedelta(days=10)),
                reviewed_by=procurator,
            )
    from .demo_register import load as load_register

    return f"{PenaltyDecision.objects.count()} 份行政处罚决定（以罚代刑筛查），{load_register()}"


demo_content.register(DemoContent("以罚代刑筛查", load, order=40))


def _liaison_of(short_name):
    def link(user) -> None:
        from internal.models import MemberUnit

        unit = MemberUnit.objects.filter(short_name=short_name).first()
        if unit is not None:
            unit.liaisons.add(user)

    return link


# A police liaison records the police's decisions on the transfers sent to it; a market-regulation
# liaison registers its unit's transfers and answers the procuratorate (README: 府检线索互通).
demo_users.register(
    DemoUser("gongan", "县公安局联络员（演示）", (LIAISONS,), after=_liaison_of("县公安局"), order=72)
)
demo_users.register(
    DemoUser(
        "shichang", "县市场监管局联络员（演示）", (LIAISONS,), after=_liaison_of("县市场监督管理局"), order=73
    )
)
