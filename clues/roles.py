"""府检线索互通's grants, added to the internal section's groups: the procuratorate screens every
unit's 行政处罚决定 and keeps the 立案追诉标准; a liaison enters their own unit's decisions."""

from home.registries.roles import Role, roles
from internal.groups import LIAISONS, PROCURATORATE_OFFICE

from .access import ENTER, SCREEN

roles.register(
    Role(
        PROCURATORATE_OFFICE,
        "检察院：查看各单位录入的行政处罚决定，对疑似以罚代刑的记录筛查意见，维护立案追诉标准",
        models=(SCREEN, *(f"clues.{action}_prosecutionthreshold" for action in ("add", "change", "view"))),
    )
)
roles.register(Role(LIAISONS, "录入本单位的行政处罚决定（以罚代刑筛查）", models=(ENTER,)))
