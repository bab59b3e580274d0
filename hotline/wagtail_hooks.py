from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AnalysisSettings, SortingRule, StopWord
from .views import HotlineViewSet


@hooks.register("register_admin_viewset")
def register_hotline_viewset():
    return HotlineViewSet()


class SortingRuleViewSet(SnippetViewSet):
    """分拣规则 (设置 menu): the words that sort a 工单 into a 公益诉讼 field."""

    model = SortingRule
    icon = "tag"
    menu_label = "工单分拣规则"
    add_to_settings_menu = True
    list_display = ["field", "words", "exclusions", "order", "is_active"]


class StopWordViewSet(SnippetViewSet):
    model = StopWord
    icon = "cross"
    menu_label = "热词停用词"
    add_to_settings_menu = True


class AnalysisSettingsViewSet(SnippetViewSet):
    model = AnalysisSettings
    icon = "cog"
    menu_label = "类案预警设置"
    add_to_settings_menu = True
    list_display = ["cluster_count", "cluster_days"]


register_snippet(SortingRuleViewSet)
register_snippet(StopWordViewSet)
register_snippet(AnalysisSettingsViewSet)


@hooks.register("construct_homepage_panels")
def hotline_panel(request, panels):
    from .access import imports_hotline
    from .views import HotlinePanel

    if imports_hotline(request.user):
        panels.append(HotlinePanel(request.user))
