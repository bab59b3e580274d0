"""信息公开 and the caches: 发布机构 show on every document and in the filters; the 依申请公开 forms hold
one visitor's token and the status lookup one applicant's answer, so no page cache keeps them."""

from home.caching.rules import CacheRules, cache_rules

cache_rules.register(
    CacheRules(
        shown_on_public_pages=("disclosures.PublishingUnit",),
        never_cached=("/information-requests",),
    )
)
