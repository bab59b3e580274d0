"""信息公开 roles: disclosure officers publish documents and statistics through 三审."""

from home.registries.roles import (
    CHOOSE_MEDIA,
    PUBLIC_COLLECTION,
    PUBLIC_MEDIA,
    REVIEWERS,
    TRANSLATE,
    Role,
    roles,
)

DISCLOSURE_OFFICERS = "信息公开专员"
SECTION = "disclosures.DisclosureIndexPage"

roles.register(
    Role(
        DISCLOSURE_OFFICERS,
        "发布政策文件（含公开目录信息）和统计数据；登记和答复依申请公开，维护工作日历",
        pages={SECTION: ("add", "change", "lock")},
        collections={PUBLIC_COLLECTION: PUBLIC_MEDIA},
        models=(
            *(f"disclosures.{action}_publishingunit" for action in ("add", "change", "view")),
            *(f"disclosures.{action}_informationrequest" for action in ("add", "change", "view")),
            *(f"home.{action}_calendarday" for action in ("add", "change", "delete", "view")),
            TRANSLATE,
        ),
    )
)
roles.register(
    Role(
        REVIEWERS,
        "审阅政策文件和统计数据",
        pages={SECTION: ("change", "lock", "unlock")},
        collections={PUBLIC_COLLECTION: CHOOSE_MEDIA},
    )
)
