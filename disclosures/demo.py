"""The three seed documents (real county 府检联动 mechanisms) as the first policy documents."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from pathlib import Path

from home.demo_tools import DemoDates, ensure_child
from home.registries.demo import DemoColumn, DemoContent, DemoUser, demo_columns, demo_content, demo_users

from .models import (
    DisclosureMode,
    DocumentType,
    PeriodType,
    PolicyAttachment,
    PolicyDocumentPage,
    PublishingUnit,
    ReleaseKind,
    StatisticRow,
    StatisticsReleasePage,
    Topic,
)
from .roles import DISCLOSURE_OFFICERS

# Demo unit codes (索引号 prefixes); a real site enters its own in 发布机构.
UNITS = [
    ("永昌县人民政府", "县政府", "116203210138580001"),
    ("永昌县人民检察院", "县检察院", "116203210138580002"),
    ("山丹县人民政府", "山丹县政府", "116207250139230001"),
    ("九寨沟县人民政府", "九寨沟县政府", "115132250089030001"),
]

DATA = Path(__file__).parent / "demo_data"


@dataclass(frozen=True)
class Seed:
    file: str
    slug: str
    title: str
    document_number: str
    issuing_organ: str
    written_date: datetime.date
    publication_date: datetime.date
    mode: str
    starts_with: str  # first line of the body
    ends_before: str  # first line after the body (版记, page chrome)
    summary: str
    unit: str


SEEDS = [
    Seed(
        "yongchang-2026-implementation-measures.txt",
        "yongchang-2026-fjld-measures",
        "永昌县人民政府 永昌县人民检察院关于印发建立“府检联动”工作机制实施办法的通知",
        "永政发〔2026〕29号",
        "永昌县人民政府 永昌县人民检察院",
        datetime.date(2026, 3, 26),
        datetime.date(2026, 3, 26),
        DisclosureMode.ON_REQUEST,
        "各乡镇人民政府，县政府有关部门、单位，省市在永有关单位：",
        "抄送：",
        "建立“府检联动”工作机制：十二项工作机制、联席会议制度及25个成员单位。",
        "永昌县人民政府",
    ),
    Seed(
        "shandan-2025-implementation-opinions.txt",
        "shandan-2025-fjld-opinions",
        "山丹县人民政府 山丹县人民检察院关于建立健全府检联动机制的实施意见",
        "山政发〔2025〕8号",
        "山丹县人民政府 山丹县人民检察院",
        datetime.date(2025, 2, 28),
        datetime.date(2025, 3, 3),
        DisclosureMode.ACTIVE,
        "各乡镇人民政府，县直及省市驻丹有关单位：",
        "抄送：",
        "六个方面十八项重点工作，完善行刑衔接、行政执法检察监督、公益保护和检察建议办理机制。",
        "山丹县人民政府",
    ),
    Seed(
        "jiuzhaigou-2024-opinions.txt",
        "jiuzhaigou-2024-fjld-opinions",
        "九寨沟县人民政府 九寨沟县人民检察院关于印发《关于建立“府检联动”工作机制的意见》的通知",
        "",
        "九寨沟县人民政府 九寨沟县人民检察院",
        datetime.date(2024, 9, 3),
        datetime.date(2024, 9, 20),
        DisclosureMode.ACTIVE,
        "各乡(镇)人民政府、县级各部门:",
        "扫一扫在手机打开当前页",
        "共守安全稳定、共护营商环境、共保民生民利、共促社会治理、共建法治政府五个方面十三项工作。",
        "九寨沟县人民政府",
    ),
]

HEADING_1 = re.compile(r"^[一二三四五六七八九十]+、\S{1,30}$")
HEADING_2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*\S{1,30}$")
SENTENCE_END = (*"。：；！？”」）)", ":")


def _clean(line: str) -> str:
    return re.sub(r"\s{2,}", "　", line.strip().lstrip("#").strip())


def _inline(text: str) -> str:
    """Escape, then turn the seed's **bold** lead-ins into <b>."""
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escape(text))


def body_blocks(text: str, starts_with: str, ends_before: str) -> list[tuple[str, object]]:
    """Seed text -> StreamField blocks: 一、 headings, （一） sub-headings, paragraphs
    (re-joining paragraphs that the source split across a page break)."""
    lines = [_clean(line) for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith(starts_with))
    end = next((i for i, line in enumerate(lines) if i > start and line.startswith(ends_before)), len(lines))
    paragraphs: list[str] = []
    for line in lines[start:end]:
        if not line:
            continue
        plain = line.replace("**", "").strip()
        is_heading = HEADING_1.match(plain) or HEADING_2.match(plain)
        if paragraphs and not is_heading and not paragraphs[-1].replace("**", "").endswith(SENTENCE_END):
            previous = paragraphs[-1].replace("**", "")
            if not (HEADING_1.match(previous) or HEADING_2.match(previous)):
                paragraphs[-1] += line
                continue
        paragraphs.append(line)
    blocks: list[tuple[str, object]] = []
    for paragraph in paragraphs:
        plain = paragraph.replace("**", "").strip()
        if HEADING_1.match(plain):
            blocks.append(("heading", {"text": plain, "level": "h2"}))
        elif HEADING_2.match(plain):
            blocks.append(("heading", {"text": plain, "level": "h3"}))
        else:
            blocks.append(("paragraph", f"<p>{_inline(paragraph)}</p>"))
    return blocks


def load_units() -> dict[str, PublishingUnit]:
    return {
        name: PublishingUnit.objects.update_or_create(
            name=name,
            defaults={
                "short_name": short,
                "code": code,
                "kind": "procuratorate" if "检察院" in name else "government",
                "is_local": name.startswith("永昌"),  # the other two are the seeds' own counties
            },
        )[0]
        for name, short, code in UNITS
    }


def load(columns) -> list[PolicyDocumentPage]:
    index = columns["disclosures"]
    units = load_units()
    pages = []
    for seed in SEEDS:
        text = (DATA / seed.file).read_text(encoding="utf-8")
        fields = {
            "title": seed.title,
            "document_number": seed.document_number,
            "issuing_organ": seed.issuing_organ,
            "publishing_unit": units[seed.unit],
            "written_date": seed.written_date,
            "publication_date": seed.publication_date,
            "disclosure_mode": seed.mode,
            "topic": Topic.JUSTICE,
            "summary": seed.summary,
            # a 文号 of a 人民政府 (…政发〔〕) marks the joint mechanisms as 行政规范性文件
            "legal_form": "normative" if "政发" in seed.document_number else "other",
        }
        # 依申请公开: only the catalogue entry is public; the text stays with the office (site_health).
        body = (
            body_blocks(text, seed.starts_with, seed.ends_before)
            if seed.mode == DisclosureMode.ACTIVE
            else []
        )
        page = ensure_child(
            index,
            PolicyDocumentPage,
            seed.slug,
            create_only={"body": body},
            published=seed.publication_date,
            **fields,
        )
        pages.append(page)
    load_attachment(pages[1])
    pages.append(load_interpretation(index, pages[2], units["九寨沟县人民政府"]))
    load_statistics(index, units)
    return pages


ATTACHMENT_TITLE = "附件：府检联动机制成员单位名单"
MEMBER_UNITS = [
    ("县人民政府办公室", "牵头协调，联席会议日常联络"),
    ("县人民检察院", "联席会议办公室，线索移送与检察建议办理"),
    ("县司法局", "行政执法协调监督，法治政府建设考核"),
    ("县公安局", "行刑衔接，案件移送与信息共享"),
    ("县自然资源局", "国有土地和矿产资源保护"),
    ("县生态环境局", "生态环境保护公益诉讼协作"),
    ("县市场监督管理局", "食品药品安全公益保护"),
    ("县人力资源和社会保障局", "根治欠薪，劳动者权益保护"),
    ("县财政局", "国有财产保护，专项资金监管"),
    ("县教育局", "未成年人保护，法治宣传教育"),
]


def load_attachment(page: PolicyDocumentPage) -> None:
    """A document with an attachment, as most notices have: the member list as a spreadsheet in the
    public collection, so that a reader sees (and the tests fetch) a real download."""
    import io

    from django.core.files.base import ContentFile
    from openpyxl import Workbook
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from home.registries.roles import PUBLIC_COLLECTION

    if page.attachments.exists():
        return
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "成员单位"
    sheet.append(["序号", "成员单位", "职责分工"])
    for number, (unit, duty) in enumerate(MEMBER_UNITS, 1):
        sheet.append([number, unit, duty])
    content = io.BytesIO()
    workbook.save(content)
    collection = Collection.objects.filter(name=PUBLIC_COLLECTION).first() or Collection.get_first_root_node()
    document = get_document_model().objects.create(
        title="府检联动机制成员单位名单",
        file=ContentFile(content.getvalue(), name="fjld-member-units.xlsx"),
        collection=collection,
    )
    page.attachments.add(PolicyAttachment(document=document, title=ATTACHMENT_TITLE, sort_order=0))
    page.save_revision().publish()


def load_interpretation(index, document, unit) -> PolicyDocumentPage:
    """谁起草、谁解读: the 政策解读 published with the 九寨沟 opinions, linked both ways."""
    paragraphs = [
        ("heading", {"text": "一、出台背景", "level": "h2"}),
        (
            "paragraph",
            "<p>为贯彻落实《中共中央关于加强新时代检察机关法律监督工作的意见》，加强县人民政府与县人民检察院的工作协调，"
            "实现行政与检察良性互动，县人民政府、县人民检察院共同研究制定了《关于建立“府检联动”工作机制的意见》。</p>",
        ),
        ("heading", {"text": "二、主要内容", "level": "h2"}),
        (
            "paragraph",
            "<p>《意见》从共守安全稳定、共护营商环境、共保民生民利、共促社会治理、共建法治政府五个方面提出十三项工作，"
            "明确联席会议办公室设在县检察院，联席会议原则上每年召开一次。</p>",
        ),
        ("heading", {"text": "三、与群众的关系", "level": "h2"}),
        (
            "paragraph",
            "<p>群众反映的欠薪、未成年人保护、生态环境等问题，可通过12345政务服务便民热线或12309检察服务热线反映，"
            "府检双方将共享线索、协同处理。</p>",
        ),
    ]
    return ensure_child(
        index,
        PolicyDocumentPage,
        "jiuzhaigou-2024-fjld-opinions-interpretation",
        create_only={"body": paragraphs},
        published=document.publication_date,
        title="关于《关于建立“府检联动”工作机制的意见》的解读",
        document_type=DocumentType.INTERPRETATION,
        interprets=document,
        issuing_organ="九寨沟县人民政府 九寨沟县人民检察院",
        publishing_unit=unit,
        written_date=document.written_date,
        publication_date=document.publication_date,
        topic=Topic.JUSTICE,
        summary="从出台背景、主要内容和与群众的关系三个方面解读府检联动工作机制。",
    )


# 主要办案数据, full-year figures per year; quarters are cumulative shares of them.
PROCURATORATE_YEARS = {
    2025: [
        ("批准和决定逮捕", 84, "人"),
        ("决定起诉", 236, "人"),
        ("不捕率", 31.5, "%"),
        ("不诉率", 18.2, "%"),
        ("认罪认罚从宽制度适用率", 91.3, "%"),
        ("提出检察建议", 46, "件"),
        ("检察建议采纳率", 97.8, "%"),
        ("公益诉讼立案", 38, "件"),
        ("诉前程序", 33, "件"),
        ("提起公益诉讼", 3, "件"),
    ],
    2026: [
        ("批准和决定逮捕", 76, "人"),
        ("决定起诉", 221, "人"),
        ("不捕率", 34.0, "%"),
        ("不诉率", 19.6, "%"),
        ("认罪认罚从宽制度适用率", 92.8, "%"),
        ("提出检察建议", 52, "件"),
        ("检察建议采纳率", 98.1, "%"),
        ("公益诉讼立案", 41, "件"),
        ("诉前程序", 37, "件"),
        ("提起公益诉讼", 2, "件"),
    ],
}
QUARTER_SHARE = {1: 0.22, 2: 0.47, 3: 0.73, 4: 1.0}
COURT_APPEARANCE = {
    2024: [
        ("行政诉讼一审应诉案件", 27, "件"),
        ("行政机关负责人出庭应诉案件", 24, "件"),
        ("负责人出庭应诉率", 88.9, "%"),
        ("行政复议案件", 19, "件"),
        ("行政复议纠错案件", 3, "件"),
    ],
    2025: [
        ("行政诉讼一审应诉案件", 23, "件"),
        ("行政机关负责人出庭应诉案件", 23, "件"),
        ("负责人出庭应诉率", 100, "%"),
        ("行政复议案件", 22, "件"),
        ("行政复议纠错案件", 4, "件"),
    ],
}


def _release(index, slug, rows, **fields):
    page = ensure_child(index, StatisticsReleasePage, slug, is_demo_data=True, **fields)
    if not page.rows.exists():
        page.rows = [
            StatisticRow(indicator=name, value=Decimal(str(value)), unit=unit, sort_order=i)
            for i, (name, value, unit) in enumerate(rows)
        ]
        page.save_revision().publish()
    return page


def load_statistics(index, units) -> list[StatisticsReleasePage]:
    """This year's and last year's 主要办案数据 (the quarters published by the day the demo was first
    loaded), and the two years before of 出庭应诉: the years as written move with DemoDates."""
    releases = []
    dates = DemoDates.for_this_site()
    for written_year, figures in PROCURATORATE_YEARS.items():
        year = dates.year(written_year)
        for quarter, share in QUARTER_SHARE.items():
            published = datetime.date(year + (quarter == 4), quarter * 3 % 12 + 1, 15)
            if published > dates.today:
                continue
            rows = [(n, v if u == "%" else round(v * share), u) for n, v, u in figures]
            releases.append(
                _release(
                    index,
                    f"procuratorate-{year}-q{quarter}",
                    rows,
                    published=published,
                    title=f"永昌县人民检察院{year}年1—{quarter * 3}月主要办案数据",
                    kind=ReleaseKind.PROCURATORATE,
                    year=year,
                    period_type=PeriodType.QUARTER,
                    period_number=quarter,
                    cumulative=True,
                    publishing_unit=units["永昌县人民检察院"],
                    summary=f"{year}年1—{quarter * 3}月全县检察机关主要办案数据（演示数据）。",
                )
            )
    for written_year, rows in COURT_APPEARANCE.items():
        year = dates.year(written_year)
        if datetime.date(year + 1, 1, 20) > dates.today:
            continue
        releases.append(
            _release(
                index,
                f"court-appearance-{year}",
                rows,
                published=datetime.date(year + 1, 1, 20),
                title=f"永昌县{year}年度行政机关负责人出庭应诉情况",
                kind=ReleaseKind.COURT_APPEARANCE,
                year=year,
                period_type=PeriodType.YEAR,
                period_number=None,
                cumulative=False,
                publishing_unit=units["永昌县人民政府"],
                summary=f"{year}年度全县行政诉讼和行政机关负责人出庭应诉情况（演示数据）。",
            )
        )
    return releases


def load_demo(columns) -> str:
    from .demo_requests import load as load_requests

    documents = load(columns)
    return f"{len(documents)} 份政策文件，{load_requests()} 件依申请公开"


demo_columns.register(
    DemoColumn(
        "disclosures.DisclosureIndexPage",
        "disclosures",
        "信息公开",
        "府检联动政策文件、行政执法信息、行政机关负责人出庭应诉情况和检察机关主要办案数据。",
        translations={
            "en": (
                "Government information disclosure",
                "Policy documents, administrative enforcement information, appearances of agency heads "
                "in court, and the procuratorate's main case statistics.",
            ),
            "bo": ("ཆ་འཕྲིན་གསལ་བསྒྲགས།", "སྲིད་ཇུས་ཡིག་ཆ་དང་ཞིབ་དཔྱད་ཁང་གི་གྱོད་དོན་སྡོམ་རྩིས་གཙོ་བོ།"),
        },
        order=20,
    )
)
# Documents first: the campaigns and cases may refer to them.
demo_content.register(DemoContent("信息公开", load_demo, order=10))
demo_users.register(DemoUser("gongkai", "信息公开专员（演示）", (DISCLOSURE_OFFICERS,), order=50))
