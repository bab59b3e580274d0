from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MemberUnit


class MemberUnitViewSet(SnippetViewSet):
    model = MemberUnit
    icon = "group"
    menu_label = "成员单位"
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["name", "kind", "representative", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]


register_snippet(MemberUnitViewSet)
