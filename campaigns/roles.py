"""普法 roles: publicity staff write campaigns, cases and forms; reviewers carry them through 三审."""

from home.registries.roles import (
    CHOOSE_MEDIA,
    PUBLIC_COLLECTION,
    PUBLIC_MEDIA,
    REVIEWERS,
    TRANSLATE,
    Role,
    roles,
)

PUBLICITY = "宣传人员"

SECTIONS = ("campaigns.CampaignIndexPage", "campaigns.CaseIndexPage")
# 普法 taxonomies (snippets) are kept by the people who write and review campaigns and cases.
TAXONOMY_PERMS = tuple(
    f"campaigns.{action}_{model}"
    for model in ("legalarea", "venue", "casebatch")
    for action in ("add", "change", "view")
)
SUBMISSIONS = "campaigns.view_form_submissions"

roles.register(
    Role(
        PUBLICITY,
        "撰写普法活动和典型案例，制作竞答、报名和咨询表单，提交审核，预约发布",
        pages=dict.fromkeys(SECTIONS, ("add", "change", "lock")),
        collections={PUBLIC_COLLECTION: PUBLIC_MEDIA},
        models=(*TAXONOMY_PERMS, SUBMISSIONS, TRANSLATE),
    )
)
roles.register(
    Role(
        REVIEWERS,
        "审阅普法活动和典型案例；分别加入“初审人员”“复审人员”“终审人员”组，在三审中批准或退回",
        pages=dict.fromkeys(SECTIONS, ("change", "lock", "unlock")),
        collections={PUBLIC_COLLECTION: CHOOSE_MEDIA},
        models=(*TAXONOMY_PERMS, SUBMISSIONS),
    )
)
