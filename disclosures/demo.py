"""The three seed documents (real county 府检联动 mechanisms) as the first policy documents."""

import datetime
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from home.demo_tools import ensure_child

from .models import DisclosureMode, PolicyDocumentPage

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


def load(columns) -> list[PolicyDocumentPage]:
    index = columns["disclosures"]
    pages = []
    for seed in SEEDS:
        text = (DATA / seed.file).read_text(encoding="utf-8")
        fields = {
            "title": seed.title,
            "document_number": seed.document_number,
            "issuing_organ": seed.issuing_organ,
            "written_date": seed.written_date,
            "publication_date": seed.publication_date,
            "disclosure_mode": seed.mode,
            "summary": seed.summary,
        }
        body = body_blocks(text, seed.starts_with, seed.ends_before)
        page = ensure_child(
            index,
            PolicyDocumentPage,
            seed.slug,
            create_only={"body": body},
            published=seed.publication_date,
            **fields,
        )
        pages.append(page)
    return pages
