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


@hooks.register("register_admin_viewset")
def register_clue_viewset():
    from .clue_views import ClueViewSet

    return ClueViewSet()


@hooks.register("register_log_actions")
def clue_log_actions(actions):
    """Each step in the clue's history: “记录：公安机关决定不予立案” and so on."""
    from wagtail.log_actions import LogFormatter

    from .clue_views import STEP_ACTION

    @actions.register_action(STEP_ACTION)
    class StepFormatter(LogFormatter):
        label = "记录办理环节"

        def format_message(self, log_entry):
            return f"记录：{log_entry.data.get('what', '办理环节')}"


@hooks.register("construct_homepage_panels")
def clue_panels(request, panels):
    from .clue_views import CluesDuePanel
    from .permissions import follows_clues

    if follows_clues(request.user):
        panels.append(CluesDuePanel(request.user))
