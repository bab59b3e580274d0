"""How a person is named in mails and lists. Django's get_full_name() is "first last" with a
space, which splits a Chinese name wrongly (“统管理员 系”); Chinese names read 姓名 with no space."""

import re

CJK = re.compile(r"[\u3400-\u9fff]")


def display_name(user) -> str:
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    if CJK.search(first + last):
        name = f"{last}{first}"
    else:
        name = f"{first} {last}".strip()
    return name or user.get_username()
