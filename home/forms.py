from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class AdminLoginForm(WagtailLoginForm):
    """Wagtail's login form leaves the password field unlabelled, so it reads "Password" in
    every language; staff of a Chinese admin should see 密码."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy("Password")


class IntactImageField(WagtailImageField):
    """Wagtail's image field, which reads every frame of an animated image to count its pixels: a
    truncated GIF (or PNG, JPEG) raised OSError there, a 500. Here it is a form error in Chinese."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(
                "图片文件已损坏或不完整（可能没有上传完），无法读取。请重新保存或导出图片后再上传。",
                code="invalid_image",
            ) from error


class ImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: every image upload (the admin, the multiple upload, the chooser)."""

    file = IntactImageField(label=gettext_lazy("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            # the title is the image's default 替代文字 (home/alt_text.py): a description, not IMG_2031
            help_text = (
                "用一句话说明图片内容，例如“宪法宣传周活动现场”；它是图片的默认替代文字，会读给看不见图片的读者，"
                "请不要使用文件名（如 IMG_2031）。"
            )
            self.fields["title"].help_text = help_text
            self["title"].help_text = help_text  # Wagtail's __init__ made the bound field already
