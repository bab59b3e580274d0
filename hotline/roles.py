"""民生诉求研判's grants: the procuratorate and the office analyse (and keep the 分拣规则, 停用词 and
研判设置); the 政务服务中心's liaisons import their centre's 工单 and read the feedback."""

from home.registries.roles import Role, roles
from internal.groups import OFFICE, PROCURATORATE_OFFICE

from .access import ANALYSE, EXCHANGE

CENTRE = "政务服务中心联络员"
SETTINGS = tuple(
    f"hotline.{action}_{model}"
    for model in ("sortingrule", "stopword", "analysissettings")
    for action in ("add", "change", "view", "delete")
)

for group in (PROCURATORATE_OFFICE, OFFICE):
    roles.register(
        Role(
            group,
            "民生诉求研判：查看工单和研判结果，类案预警转为公益诉讼线索，维护分拣规则",
            models=(ANALYSE, *SETTINGS),
        )
    )
roles.register(Role(CENTRE, "导入12345工单，查看检察机关的月底反馈", models=(EXCHANGE,)))
