"""案源分拣: a 工单's words (rjieba, the Rust port of jieba the search already uses) and the field its
content falls in, by the rules staff keep (SortingRule) — the first active rule, in order, with a
word in the content and no exclusion. A single word must be one of the content's words (so that
“河道” does not match “河道路口”); a phrase of several words is looked for as written."""

import re
from dataclasses import dataclass
from functools import lru_cache

# Words that say nothing about what a 工单 is about (热词 leaves them out; staff add more).
BUILT_IN_STOP_WORDS = frozenset(
    "反映 问题 希望 要求 情况 来电 市民 群众 相关 部门 处理 解决 进行 存在 没有 已经 现在 目前 一直 表示 称 "
    "联系 电话 工单 诉求 咨询 投诉 举报 请求 请 帮助 协调 核实 回复 办理 政府 单位 人员 工作 时间 "
    "我们 他们 自己 这个 那个 什么 怎么 如何 可以 能够 需要 因为 所以 但是 如果 还是 以及 附近 周边 "
    "小区 村 镇 县 今天 昨天 每天 多次 长期 严重 影响 导致 造成 发现 出现 及时 尽快 隐去 已隐去".split()
)
HAN = re.compile(r"^[\u4e00-\u9fa5]{2,8}$")


@lru_cache(maxsize=4096)
def _cut(text: str) -> tuple[str, ...]:
    import rjieba

    return tuple(rjieba.cut(text))


def words_of(text: str) -> list[str]:
    """The content's words worth counting: Chinese words of two characters or more, each once."""
    seen = dict.fromkeys(w for w in _cut(text or "") if HAN.match(w) and w not in BUILT_IN_STOP_WORDS)
    return list(seen)


@dataclass(frozen=True)
class CompiledRule:
    pk: int
    field: str
    words: tuple[str, ...]
    exclusions: tuple[str, ...]


def compile_rules(rules) -> list[CompiledRule]:
    return [CompiledRule(r.pk, r.field, tuple(r.split(r.words)), tuple(r.split(r.exclusions))) for r in rules]


def active_rules() -> list[CompiledRule]:
    from .models import SortingRule

    return compile_rules(SortingRule.objects.filter(is_active=True).order_by("order", "pk"))


def term_in(term: str, text: str, tokens: frozenset[str]) -> bool:
    if len(_cut(term)) > 1:  # a phrase: as written
        return term in text
    return term in tokens


def sort_ticket(text: str, rules: list[CompiledRule]) -> tuple[str, int | None, str]:
    """(field, the rule's pk, the word that matched) — ("", None, "") when nothing matches."""
    tokens = frozenset(_cut(text or ""))
    for rule in rules:
        if any(term_in(term, text, tokens) for term in rule.exclusions):
            continue
        hit = next((term for term in rule.words if term_in(term, text, tokens)), None)
        if hit:
            return rule.field, rule.pk, hit
    return "", None, ""
