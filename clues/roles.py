"""府检线索互通's grants, added to the internal section's groups: the procuratorate screens every
unit's 行政处罚决定, keeps the 立案追诉标准 and runs the clue register (with the joint-meeting
office); the county's 行政执法监督 (法治督办, 司法局) reads the register; a liaison enters their
own unit's decisions and records their unit's steps (a 公安 liaison, the police's)."""

from home.registries.roles import Role, roles
from internal.groups import GOVERNMENT_FOLLOW_UP, LIAISONS, OFFICE, PROCURATORATE_OFFICE

from .access import ENTER, SCREEN
from .permissions import MANAGE_CLUES, READ_CLUES, REPORT_CLUES

roles.register(
    Role(
        PROCURATORATE_OFFICE,
        "检察院：查看各单位录入的行政处罚决定，对疑似以罚代刑的记录筛查意见，维护立案追诉标准；登记和办理府检互通线索",
        models=(
            SCREEN,
            MANAGE_CLUES,
            *(f"clues.{action}_prosecutionthreshold" for action in ("add", "change", "view")),
        ),
    )
)
roles.register(Role(OFFICE, "登记和督办府检互通线索，查看案情通报", models=(MANAGE_CLUES,)))
roles.register(Role(GOVERNMENT_FOLLOW_UP, "行政执法监督：查看府检互通线索和案情通报", models=(READ_CLUES,)))
roles.register(
    Role(
        LIAISONS,
        "录入本单位的行政处罚决定（以罚代刑筛查）；登记本单位移送的涉嫌犯罪案件，记录本单位（或本公安机关）的办理环节",
        models=(ENTER, REPORT_CLUES),
    )
)
