"""Personal-information guard (个人信息保护): parties of cases appear only anonymised, so a page
whose text holds a resident ID number, a mobile number or a bank-card number is refused at the
model's validation — admin, import and API alike — with the field named and the number masked.
The one detector (find_personal_info) drives the publish check, the form pages and 网站自查, so
they cannot disagree; it reads the text normalised (full-width digits, separators, +86)."""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import strip_tags

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
# What people put between digit groups: spaces (incl. the ideographic one after NFKC), hyphens and
# dashes, dots.
SEP = r"[ \t\-.\u2010-\u2015\u2212]"
# A resident ID as written: 6 + 8 + 4 characters, in any grouping (110105 19900101 123X).
RESIDENT_ID = re.compile(
    rf"(?<![0-9A-Za-z])(\d{{6}}){SEP}?(\d{{4}}){SEP}?(\d{{2}}){SEP}?(\d{{2}}){SEP}?(\d{{3}}[\dXx])(?![0-9A-Za-z])"
)
# A mainland mobile, with or without +86 / 86 / 0086, groups as people write them (138-0013-8000).
MOBILE = re.compile(rf"(?<![\d+])(?:(?:\+|00)?86{SEP}*)?(1[3-9]\d){SEP}?(\d{{4}}){SEP}?(\d{{4}})(?!\d)")
# A bank card: 16–19 digits, run together or in groups of four split the same way throughout.
CARD = re.compile(r"(?<!\d)\d{4}(?P<sep>[ \-]?)\d{4}(?:(?P=sep)\d{4}){2}(?:(?P=sep)?\d{1,3})?(?!\d)")
# 省级行政区划代码 (the first two digits of every resident ID).
PROVINCES = {
    *range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55), *range(61, 66), 71, 81, 82,
}  # fmt: skip

COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "司徒", "夏侯", "令狐", "端木", "独孤", "南宫", "西门", "万俟", "呼延", "单于", "澹台",
)  # fmt: skip


PAGE_TEXT_FIELDS = {"title", "seo_title", "search_description"}


@dataclass(frozen=True)
class Finding:
    kind: str
    masked: str


def valid_resident_id(number: str) -> bool:
    """The check digit is right (ISO 7064 MOD 11-2)."""
    if not re.fullmatch(r"\d{17}[\dXx]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17].upper()


def id_shaped(number: str) -> bool:
    """A resident ID by its shape, whatever its check digit: a real province code, a plausible birth
    date. A number with a wrong check digit still names a person (a typo, or one digit changed)."""
    if not re.fullmatch(r"\d{17}[\dXx]", number) or int(number[:2]) not in PROVINCES:
        return False
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return datetime.date(1900, 1, 1) <= born <= timezone.localdate()


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def _mask(digits: str, keep_start: int, keep_end: int) -> str:
    return digits[:keep_start] + "*" * (len(digits) - keep_start - keep_end) + digits[-keep_end:]


def normalise(text: str) -> str:
    """What the detectors read: full-width forms folded (１３８ → 138, ＋ → +, the ideographic space
    → a space) by Unicode NFKC, so no way of typing a number steps around the guard."""
    return unicodedata.normalize("NFKC", text or "")


def find_personal_info(text: str) -> list[Finding]:
    """Every resident ID (by shape), mobile number and Luhn-valid card number in the text, however
    it is written: full-width digits, spaces, hyphens or dots between groups, a +86 prefix."""
    text = normalise(text)
    if not text:
        return []
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def free(match) -> bool:
        return not any(s < match.end() and match.start() < e for s, e in taken)

    for match in RESIDENT_ID.finditer(text):
        number = "".join(match.groups())
        if id_shaped(number):
            findings.append(Finding("居民身份证号码", _mask(number, 4, 4)))
            taken.append(match.span())
    for match in MOBILE.finditer(text):
        if free(match):
            findings.append(Finding("手机号码", _mask("".join(match.groups()), 3, 4)))
            taken.append(match.span())
    for match in CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if free(match) and luhn_valid(digits):
            findings.append(Finding("银行卡号", _mask(digits, 4, 4)))
            taken.append(match.span())
    return findings


def anonymise_name(name: str, keep_last: bool = False) -> str:
    """张三 → 张某, 张三丰 → 张某某, 欧阳明 → 欧阳某; keep_last: 林小彬 → 林某彬."""
    name = (name or "").strip()
    if len(name) < 2:
        return name
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[:1]
    given = name[len(surname) :]
    if keep_last and len(given) >= 2:
        return surname + "某" * (len(given) - 1) + given[-1]
    return surname + "某" * len(given)


def _field_texts(instance):
    """(field name, label, plain text) for every text-bearing field of the page."""
    from wagtail.fields import RichTextField, StreamField
    from wagtail.models import Page

    exempt = getattr(instance, "personal_info_exempt_fields", ())
    for field in instance._meta.get_fields():
        if not getattr(field, "concrete", False) or getattr(field, "choices", None) or field.name in exempt:
            continue
        # Of Wagtail's own page fields only the texts readers see; not path, slug and the like.
        if field.model is Page and field.name not in PAGE_TEXT_FIELDS:
            continue
        value = getattr(instance, field.attname, None)
        if value in (None, ""):
            continue
        if isinstance(field, StreamField):
            text = " ".join(str(part) for part in field.get_searchable_content(value))
        elif isinstance(field, RichTextField):
            text = strip_tags(value)
        elif field.get_internal_type() in {"CharField", "TextField"}:
            text = str(value)
        else:
            continue
        yield field.name, str(field.verbose_name), text


def personal_info_errors(instance) -> dict[str, str]:
    errors = {}
    for name, label, text in _field_texts(instance):
        findings = find_personal_info(text)
        if findings:
            listed = "、".join(f"{f.kind}“{f.masked}”" for f in findings)
            errors[name] = (
                f"“{label}”中含有疑似{listed}。公开内容不得包含当事人个人信息，"
                f"请删除或隐名处理后再保存（如姓名写作“张某”）。"
            )
    return errors


class PersonalInfoGuardMixin:
    """Refuses to save (any path that validates: admin, import, API) text with personal data."""

    def clean(self):
        super().clean()
        errors = personal_info_errors(self)
        if errors:
            raise ValidationError(errors)
