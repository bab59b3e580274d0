"""普法 and the caches: the taxonomies and case batches show on cards, filters and case pages."""

from home.caching.rules import CacheRules, cache_rules

cache_rules.register(
    CacheRules(shown_on_public_pages=("campaigns.LegalArea", "campaigns.Venue", "campaigns.CaseBatch"))
)
