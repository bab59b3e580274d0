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


# —— redaction: personal data removed from text before it is stored (the 12345 import) ————————————
# What a 12345/12309 工单 may hold besides the three numbers above: a landline, a plate, a caller's
# name after the word that introduces it, and a house number below the 村/社区 level. Each is
# replaced by a marker that names what was removed, so the text still reads.
LANDLINE = re.compile(rf"(?<![\d])(?:\(?0\d{{2,3}}\)?{SEP}?)\d{{7,8}}(?!\d)")
LONG_DIGITS = re.compile(r"(?<!\d)\d(?:[ \-]?\d){15,18}(?!\d)")  # any 16–19 digits left: a card
PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•．.\s\-]?[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警]"
)
COMMON_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲"
    "翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
    "宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
NAME_AFTER = re.compile(
    r"(?P<intro>来电人|来电市民|来电群众|市民|群众|反映人|诉求人|联系人|投诉人|举报人|求助人|当事人|业主|村民|居民|住户|家长|姓名)"
    r"(?P<sep>[：:\s]*)(?P<name>[\u4e00-\u9fa5]{2}(?:[\u4e00-\u9fa5](?<![称反说讲表来在住向于对要及和与等的了因诉投举家]))?)"
)
NOT_A_NAME = ("先生", "女士", "小姐", "师傅", "大爷", "大妈", "阿姨", "老师", "同志", "某某", "某")
# Full-width digits, Latin letters, +, - and the ideographic space folded to ASCII; Chinese
# punctuation (，。：（）) is left as written.
FOLD = {
    code: code - 0xFEE0
    for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF0B, 0xFF0D)
}
FOLD[0x3000] = 0x20
HOUSE = re.compile(
    r"(?<!月)(?<![\d一二三四五六七八九十])"
    r"(?:(?:\d+|[一二三四五六七八九十百]+)(?:号楼|栋|幢|单元|室|号院|组|户|号)(?!线|文|令|码|字)[\-－]?)+"
)


def redact(text: str) -> tuple[str, dict[str, int]]:
    """`text` with personal data replaced (full-width forms folded first), and how many of each kind
    were removed: 居民身份证号码, 手机号码, 固定电话, 银行卡号, 车牌号码, 姓名, 门牌号."""
    text = (text or "").translate(FOLD)
    counts: dict[str, int] = {}

    def replace(pattern, kind, marker, test=None):
        nonlocal text

        def one(match):
            if test is not None and not test(match):
                return match.group()
            counts[kind] = counts.get(kind, 0) + 1
            return marker(match) if callable(marker) else marker

        text = pattern.sub(one, text)

    replace(RESIDENT_ID, "居民身份证号码", "〔身份证号已隐去〕", lambda m: id_shaped("".join(m.groups())))
    replace(MOBILE, "手机号码", "〔电话已隐去〕")
    replace(LONG_DIGITS, "银行卡号", "〔卡号已隐去〕")
    replace(LANDLINE, "固定电话", "〔电话已隐去〕")
    replace(PLATE, "车牌号码", "〔车牌号已隐去〕")
    replace(
        NAME_AFTER,
        "姓名",
        lambda m: f"{m.group('intro')}{m.group('sep')}{anonymise_name(m.group('name'))}",
        lambda m: m.group("name")[0] in COMMON_SURNAMES and not m.group("name")[1:].startswith(NOT_A_NAME),
    )
    replace(HOUSE, "门牌号", "〔门牌号已隐去〕")
    return text, counts
