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


# —— the register ————————————————————————————————————————————————————————————————————————————
MANAGE_CLUES = "clues.manage_clues"
READ_CLUES = "clues.read_clues"
REPORT_CLUES = "clues.report_clues"


def manages_clues(user) -> bool:
    """The procuratorate and the joint-meeting office: every clue, 职务违法线索 included."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(MANAGE_CLUES))


def reads_all_clues(user) -> bool:
    return manages_clues(user) or bool(user.is_authenticated and user.is_active and user.has_perm(READ_CLUES))


def reports_clues(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm(REPORT_CLUES)
        and user.member_units.exists()
    )


def follows_clues(user) -> bool:
    return reads_all_clues(user) or reports_clues(user)


def visible_clues(user):
    """The one rule of who sees which clue: everything for the procuratorate and the office; every
    clue but 职务违法线索 for 行政执法监督; a liaison's own units' — those the unit sent, received
    (as the police) or was asked about; nothing for anyone else."""
    from django.db.models import Q

    from .lives import ClueKind
    from .models import Clue

    clues = Clue.objects.all()
    if manages_clues(user):
        return clues
    if reads_all_clues(user):
        return clues.exclude(kind=ClueKind.DISCIPLINE)
    if reports_clues(user):
        units = list(user.member_units.values_list("pk", flat=True))
        return clues.exclude(kind=ClueKind.DISCIPLINE).filter(Q(unit__in=units) | Q(police_unit__in=units))
    return clues.none()


def may_record_step(user, clue, code: str) -> bool:
    """Who records a step (lives.By): the procuratorate and the office anything (a letter that came
    by post is recorded for the unit); a liaison the unit's steps for its own unit's clue, the
    police's for a clue sent to its unit; 行政执法监督 nothing."""
    from .lives import FEEDBACK_CODE, PAUSE_CODE, STEPS, By

    if manages_clues(user):
        return True
    if not reports_clues(user) or code in (PAUSE_CODE, FEEDBACK_CODE):
        return False
    step = STEPS.get((clue.kind, code))
    if step is None:
        return False
    units = set(user.member_units.values_list("pk", flat=True))
    if step.by == By.UNIT:
        return clue.unit_id in units
    if step.by == By.POLICE:
        return clue.police_unit_id in units
    return False


def creatable_kinds(user) -> list[str]:
    """A liaison registers the transfers their unit makes; the procuratorate any kind."""
    from .lives import ClueKind

    if manages_clues(user):
        return list(ClueKind.values)
    if reports_clues(user):
        return [ClueKind.TRANSFER]
    return []
