"""The base's own rows that what readers see depends on: the header and footer of /en/ and /bo/, and
the synonyms every search takes in."""

from home.caching.rules import CacheRules, cache_rules

cache_rules.register(CacheRules(shown_on_public_pages=("home.SiteIdentityTranslation", "home.SearchSynonym")))
