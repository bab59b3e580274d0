"""Blocks of 普法 pages, on top of the shared body blocks of home.blocks."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from home.alt_text import DescribedImageBlock
from home.blocks import BodyStreamBlock


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="组图标题", required=False, max_length=80)
    images = blocks.ListBlock(DescribedImageBlock(label="图片"), label="图片", min_num=1)

    class Meta:
        icon = "image"
        label = "组图"
        template = "components/blocks/gallery.html"


class VideoBlock(blocks.StructBlock):
    """A video file uploaded to the site (no third-party player, no autoplay) and its transcript."""

    video = DocumentChooserBlock(label="视频文件", help_text="上传 MP4 文件；不使用外部视频网站。")
    title = blocks.CharBlock(label="视频标题", max_length=120)
    transcript = blocks.TextBlock(
        label="文字稿", required=False, help_text="视频的文字内容，便于无法观看视频的读者。"
    )

    class Meta:
        icon = "media"
        label = "视频"
        template = "components/blocks/video.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="问", max_length=200)
    answer = blocks.RichTextBlock(label="答", features=["bold", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        label = "问答"
        template = "components/blocks/qa.html"


class LawCitationBlock(blocks.StructBlock):
    law = blocks.CharBlock(
        label="法律法规名称", max_length=120, help_text="例如：《中华人民共和国反电信网络诈骗法》"
    )
    article = blocks.CharBlock(label="条款", max_length=40, required=False, help_text="例如：第二十五条")
    text = blocks.TextBlock(label="条文内容")

    class Meta:
        icon = "doc-full-inverse"
        label = "法条引用"
        template = "components/blocks/law_citation.html"


class RelatedCasesBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="标题", default="以案释法", max_length=40)
    cases = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="campaigns.CaseExamplePage", label="典型案例"), label="典型案例"
    )

    class Meta:
        icon = "list-ul"
        label = "相关典型案例"
        template = "components/blocks/related_cases.html"


class CampaignBodyBlock(BodyStreamBlock):
    gallery = GalleryBlock()
    video = VideoBlock()
    qa = QuestionAnswerBlock()
    law = LawCitationBlock()
    related_cases = RelatedCasesBlock()

    class Meta:
        label = "活动内容"


class ProvisionsBlock(blocks.StreamBlock):
    law = LawCitationBlock()

    class Meta:
        label = "相关规定"
