"""The shared StreamField blocks: one home for each block, reused by every page type."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from home.alt_text import DescribedImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="标题文字", max_length=120)
    level = blocks.ChoiceBlock(
        label="级别",
        choices=[("h2", "二级标题"), ("h3", "三级标题"), ("h4", "四级标题")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "小标题"
        template = "components/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    source = blocks.CharBlock(label="出处", required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = "引文"
        template = "components/blocks/quote.html"


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="文件")
    title = blocks.CharBlock(label="显示名称", required=False, max_length=120)

    class Meta:
        icon = "doc-full"
        label = "附件下载"
        template = "components/blocks/document.html"


class FigureBlock(DescribedImageBlock):
    class Meta:
        icon = "image"
        label = "图片"
        template = "components/blocks/image.html"


class BodyStreamBlock(blocks.StreamBlock):
    """Text, headings, quotes, images and downloads: the body of articles and documents.
    Richer bodies (campaigns, cases) subclass it and add their blocks."""

    paragraph = blocks.RichTextBlock(
        label="正文", icon="pilcrow", template="components/blocks/paragraph.html"
    )
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    document = DocumentDownloadBlock()

    class Meta:
        label = "正文内容"


def stream_text(stream_value) -> list[str]:
    """The words of a StreamField read from its stored JSON (texts, headings, titles), without
    loading what its blocks point to: a search result's snippet must not fetch every case a
    campaign cites."""
    from django.utils.html import strip_tags

    def walk(value):
        if isinstance(value, str):
            yield strip_tags(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("id", "type"):
                    yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    return [text for text in walk(list(stream_value.raw_data)) if text.strip()]
