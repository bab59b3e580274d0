"""Who sees which 行政处罚决定 and which clue — the one rule every list, form, finding, export and
command applies. Decisions: the procuratorate (clues.screen_penalties) sees every unit's; a member
unit's liaison (clues.enter_penalties) only the units they are a liaison of. Clues: see
visible_clues and may_record_step. Anyone else: nothing."""

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


def visible_clues(user):
    """The one rule of who sees which clue: everything for the procuratorate and the office; every
    clue but 职务违法线索 for 行政执法监督; a liaison's own units' — those the unit sent, received
    (as the police) or was asked about; nothing for anyone else."""
    from django.db.models import Q

    from .lives import ClueKind
    from .models import Clue
    from .permissions import manages_clues, reads_all_clues, reports_clues

    clues = Clue.objects.all()
    if manages_clues(user):
        return clues
    if reads_all_clues(user):
        return clues.exclude(kind=ClueKind.DISCIPLINE)
    if reports_clues(user):
        units = list(user.member_units.values_list("pk", flat=True))
        return clues.exclude(kind=ClueKind.DISCIPLINE).filter(Q(unit__in=units) | Q(police_unit__in=units))
    return clues.none()
