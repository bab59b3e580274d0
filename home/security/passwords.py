"""Password policy (等保二级): Django's validators (length ≥ 10, not common, not all digits, not like
the user's names) plus this one — at least three kinds of character. Messages in Chinese."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

CLASSES = (
    ("大写字母", str.isupper),
    ("小写字母", str.islower),
    ("数字", str.isdigit),
    ("符号", lambda ch: not ch.isalnum() or not ch.isascii()),  # a Chinese character counts here
)


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        present = [name for name, test in CLASSES if any(test(ch) for ch in password)]
        if len(present) < self.min_classes:
            raise ValidationError(
                f"密码须包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类（现在只有 {len(present)} 类）。",
                code="password_too_simple",
            )

    def get_help_text(self):
        return f"密码须包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类。"


# Django's own validators, with their messages in Chinese: the zh_Hans catalogue of Django 5.2 has
# not caught up with the new message of the length rule, so staff would read it in English.
class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return f"密码太短：至少需要 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码至少 {self.min_length} 个字符。"


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return "这个密码太常见，容易被猜中，请换一个。"

    def get_help_text(self):
        return "不能使用常见密码。"


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return "密码不能全是数字。"

    def get_help_text(self):
        return "密码不能全是数字。"


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return "密码与您的%(verbose_name)s太相似，请换一个。"

    def get_help_text(self):
        return "密码不能与用户名、姓名或电子邮箱相似。"


def generate_password(length: int = 14) -> str:
    """A random password that passes every configured rule (for demo and first logins)."""
    import secrets
    import string

    alphabet = string.ascii_letters + string.digits + "-_#@"
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(length))
        try:
            password_validation.validate_password(password)
        except ValidationError:
            continue
        return password
