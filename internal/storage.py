"""Storage and upload rules for the internal section's own files."""

import io
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import FileExtensionValidator

from home.security.storage import private_storage  # noqa: F401  (the internal models' and migrations' name for it)

ATTACHMENT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "jpg", "jpeg", "png", "zip"]
PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
THUMBNAIL_SIZE = (640, 640)


def validate_upload_size(upload):
    limit = settings.INTERNAL_UPLOAD_MAX_SIZE
    if upload.size > limit:
        raise ValidationError(
            f"文件过大（{upload.size / 1048576:.1f} MB），单个文件不能超过 {limit // 1048576} MB。"
        )


attachment_validators = [
    FileExtensionValidator(
        ATTACHMENT_EXTENSIONS, message="不支持这种文件类型，请上传 PDF、Office 文档、图片或 ZIP 压缩包。"
    ),
    validate_upload_size,
]


def validate_photo_pixels(upload):
    """Read only the header: a photo of more than WAGTAILIMAGES_MAX_IMAGE_PIXELS (the same limit as
    the public images) is refused before it is decoded — a 15 KB single-colour PNG of 11000×11000
    would otherwise take seconds and a gigabyte to make its thumbnail."""
    from PIL import Image, UnidentifiedImageError

    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError("无法识别这张照片，请上传 JPG、PNG 或 WebP 格式的图片文件。") from exc
    finally:
        upload.seek(0)
    if width * height > limit:
        raise ValidationError(
            f"照片尺寸过大（{width}×{height} 像素），请缩小到 {limit // 1_000_000} 百万像素以内再上传。"
        )


photo_validators = [
    FileExtensionValidator(PHOTO_EXTENSIONS, message="请上传 JPG、PNG 或 WebP 格式的照片。"),
    validate_upload_size,
    validate_photo_pixels,
]


def make_thumbnail(image_field) -> ContentFile:
    """A JPEG no larger than THUMBNAIL_SIZE, for listing photos on the page (the original stays
    available to download). Made once, at upload, not on every view."""
    from PIL import Image, ImageOps

    image_field.open("rb")
    with Image.open(image_field) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail(THUMBNAIL_SIZE)
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG", quality=82, optimize=True)
    stem = PurePosixPath(image_field.name).stem
    return ContentFile(buffer.getvalue(), name=f"{stem}-thumb.jpg")
