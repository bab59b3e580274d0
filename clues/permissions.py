"""Who may do what in the clue register, from the user's permissions and units alone (no query of
the register itself): the models' validation, the views and the reminders all ask here. Which
clues a user sees is clues/access.py (visible_clues)."""

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
