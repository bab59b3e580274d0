from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class AdminLoginForm(WagtailLoginForm):
    """Wagtail's login form leaves the password field unlabelled, so it reads "Password" in
    every language; staff of a Chinese admin should see 密码."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy("Password")
