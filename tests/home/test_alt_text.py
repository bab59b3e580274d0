"""替代文字 (issue 27): a file name is never alt text. A table of what phones, cameras and chat apps
name their files against real descriptions; an image in body content is refused with a Chinese
message when its alt text is a file name (or missing, unless marked decorative); a page's own
image whose title is a file name gets an empty alt rather than "IMG_2031"."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model

from home.alt_text import DescribedImageBlock, alt_for, looks_like_file_name

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "file_name"),
    [
        ("IMG_2031", True), ("img_2031.jpg", True), ("IMG 2031", True), ("DSC01234", True), ("DSCN0042", True),
        ("PXL_20260321_083015123", True), ("MVIMG_20260301_101010", True), ("微信图片_20260301101010", True),
        ("mmexport1712345678901", True), ("Screenshot_2026-03-01-10-10-10", True), ("截屏2026-03-01", True),
        ("20260301_101010", True), ("photo.png", True), ("宣传周.JPG", True), ("  IMG_2031  ", True),
        ("宪法宣传周活动现场", False), ("检察官在集市上讲解反诈知识", False), ("2026年宪法宣传周", False),
        ("IMG", False), ("", False), ("活动现场 2", False), ("Image of the county court", False),
    ],
)  # fmt: skip
def test_what_counts_as_a_file_name(text, file_name):
    assert looks_like_file_name(text) is file_name


def make_image(title, name="IMG_2031.jpg"):
    out = io.BytesIO()
    PILImage.new("RGB", (40, 30), (20, 90, 160)).save(out, "JPEG")
    return get_image_model().objects.create(title=title, file=ContentFile(out.getvalue(), name=name))


def test_a_title_equal_to_its_file_s_name_is_a_file_name_too():
    image = make_image("xianfa-zhou", name="xianfa-zhou.jpg")
    assert looks_like_file_name("xianfa-zhou", image) and alt_for(image) == ""
    described = make_image("宪法宣传周活动现场", name="xianfa.jpg")
    assert alt_for(described) == "宪法宣传周活动现场"


@pytest.mark.parametrize(
    ("alt", "decorative", "refused"),
    [
        ("IMG_2031", False, "不能是文件名“IMG_2031”"),
        ("", False, "替代文本"),  # Wagtail's own rule: describe it or mark it decorative
        ("", True, None),
        ("IMG_2031", True, None),  # decorative: no alt text is read at all
        ("检察官在集市上讲解反诈知识", False, None),
    ],
)
def test_an_image_in_body_content_must_say_what_it_shows(alt, decorative, refused):
    block = DescribedImageBlock()
    image = make_image("IMG_2031")
    value = block.to_python({"image": image.pk, "alt_text": alt, "decorative": decorative})
    if refused is None:
        assert block.clean(value) == value
        return
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert refused in str(error.value.block_errors["alt_text"])


def test_a_campaign_s_own_image_never_reads_its_file_name(client, site_tree):
    from tests.factories import CampaignPageFactory

    page = CampaignPageFactory(parent=site_tree["campaigns"], image=make_image("IMG_2031"))
    html = client.get(page.url).content.decode()
    assert 'alt="IMG_2031"' not in html and 'alt=""' in html


def test_the_image_form_asks_for_a_description(admin_client, site_tree):
    image = make_image("IMG_2031")
    html = admin_client.get(f"/admin/images/{image.pk}/").content.decode()
    assert "它是图片的默认替代文字" in html and "请不要使用文件名" in html
