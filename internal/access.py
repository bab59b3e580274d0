"""Who may see what in the internal section: one home for the rule every view, panel, report,
reminder and file download applies. The office sees every unit; a liaison only their own."""

from home.roles import INTERNAL_GROUPS, OFFICE


def sees_everything(user) -> bool:
    return user.is_superuser or user.groups.filter(name=OFFICE).exists()


def is_internal_member(user) -> bool:
    """Members of the internal groups (the restriction of /internal/) and superusers."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=INTERNAL_GROUPS).exists()


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
