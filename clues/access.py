"""Who sees which 行政处罚决定 — the one rule every list, form, finding and command applies: the
procuratorate (clues.screen_penalties) sees every unit's; a member unit's liaison
(clues.enter_penalties) only the units they are a liaison of; anyone else nothing."""

SCREEN = "clues.screen_penalties"
ENTER = "clues.enter_penalties"


def screens_penalties(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(SCREEN))


def enters_penalties(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.has_perm(ENTER) and user.member_units.exists()
    )


def own_units(user):
    from internal.models import MemberUnit

    if screens_penalties(user):
        return MemberUnit.objects.all()
    if enters_penalties(user):
        return user.member_units.all()
    return MemberUnit.objects.none()


def visible_decisions(user):
    from .models import PenaltyDecision

    if screens_penalties(user):
        return PenaltyDecision.objects.all()
    if enters_penalties(user):
        return PenaltyDecision.objects.filter(unit__in=user.member_units.all())
    return PenaltyDecision.objects.none()
