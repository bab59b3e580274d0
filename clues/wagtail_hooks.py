from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ProsecutionThreshold
from .views import PenaltyViewSet


@hooks.register("register_admin_viewset")
def register_penalty_viewset():
    return PenaltyViewSet()


class ThresholdViewSet(SnippetViewSet):
    """立案追诉标准 (设置 menu): the lines the 以罚代刑 screen compares amounts with."""

    model = ProsecutionThreshold
    icon = "clipboard-list"
    menu_label = "立案追诉标准"
    add_to_settings_menu = True
    list_display = ["name", "keywords", "threshold", "unit", "legal_basis", "is_active"]


register_snippet(ThresholdViewSet)
