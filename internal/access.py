"""Who may see what in the internal section: one home for the rule every view, panel, report,
reminder and file download applies. It asks for permissions (internal/groups.py names them),
never for group names. The office sees every unit; a liaison only their own."""

from .groups import ACCESS_PERMISSION, REPORT_OWN_UNIT, VIEW_ALL, VIEW_REPORT


def sees_everything(user) -> bool:
    return user.is_authenticated and user.has_perm(VIEW_ALL)


def may_read_report(user) -> bool:
    return user.is_authenticated and user.has_perm(VIEW_REPORT)


def reports_for_own_units(user) -> bool:
    """A liaison: may file progress, and has at least one unit to file for."""
    return user.is_authenticated and user.has_perm(REPORT_OWN_UNIT) and user.member_units.exists()


def follows_resolutions(user) -> bool:
    """The office, or a liaison of some unit: the resolution list and dashboard panel are theirs."""
    return sees_everything(user) or reports_for_own_units(user)


def is_internal_member(user) -> bool:
    """May enter the section (the permission its restrictions admit by); superusers too."""
    return user.is_authenticated and user.has_perm(".".join(ACCESS_PERMISSION))


def visible_resolutions(user):
    """The resolutions of live meetings this user may see, with their current status, ordered by
    deadline. A constant number of queries however many there are."""
    from .models import Resolution

    resolutions = Resolution.objects.of_live_meetings()
    if not sees_everything(user):
        resolutions = resolutions.for_unit(user.member_units.all())
    return (
        resolutions.with_progress()
        .select_related("lead_unit", "page")
        .prefetch_related("co_units")
        .order_by("deadline", "pk")
    )
