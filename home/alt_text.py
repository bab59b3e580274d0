"""替代文字 that describes the picture. A phone or a camera names its files IMG_2031.jpg, and Wagtail
takes an uploaded file's name as the image's title, which then becomes the default alt text: a
screen reader would read "IMG_2031" to a reader who cannot see the photo. An image placed in body
content must say what it shows (or be marked decorative); a title that is only a file name is never
used as alt text."""

import re
from pathlib import PurePath

from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

FILE_NAME = re.compile(
    r"""^(
        (img|dsc[nf]?|pxl|mvimg|vid|wp|p|pic|photo|image|screenshot|screen[\s_-]?shot|mmexport
         |wx_camera|微信图片|截屏|屏幕截图|照片)[\s_-]*\d[\w\s-]*   # a camera's or an app's name and a number
      | [^\s]*\.(jpe?g|png|gif|webp|bmp|heic|tiff?)             # anything with an image extension
      | [\d\s_-]+                                               # digits only
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def looks_like_file_name(text: str, image=None) -> bool:
    text = (text or "").strip()
    if not text:
        return False
    if FILE_NAME.match(text):
        return True
    if image is not None and getattr(image, "file", None):
        stem = PurePath(image.file.name).stem
        stored = re.sub(r"_[A-Za-z0-9]{7}$", "", stem)  # the storage's suffix for a name already taken
        return text.casefold() in {stem.casefold(), stored.casefold()}
    return False


def alt_for(image) -> str:
    """An image's own alt text (its title) — empty rather than a file name."""
    title = getattr(image, "default_alt_text", "") or ""
    return "" if looks_like_file_name(title, image) else title


FILE_NAME_MESSAGE = (
    "替代文字要说明图片的内容（它会读给看不见图片的读者），不能是文件名“{text}”。"
    "例如“宪法宣传周活动现场，群众在咨询台前提问”；纯装饰的图片请勾选“图片是装饰性的”。"
)


class DescribedImageBlock(ImageBlock):
    """Wagtail's ImageBlock (alt text required unless decorative), refusing a file name as alt text."""

    def clean(self, value):
        value = super().clean(value)
        if value and not value.decorative and looks_like_file_name(value.contextual_alt_text, value):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(FILE_NAME_MESSAGE.format(text=value.contextual_alt_text))
                }
            )
        return value
