from .index import InternalIndexPage
from .meeting import (
    AttendanceStatus,
    MeetingAttendance,
    MeetingKind,
    MeetingPage,
    Resolution,
    ResolutionStatus,
)
from .progress import ProgressReport
from .units import MemberUnit, UnitKind

__all__ = [
    "AttendanceStatus",
    "InternalIndexPage",
    "MeetingAttendance",
    "MeetingKind",
    "MeetingPage",
    "MemberUnit",
    "ProgressReport",
    "Resolution",
    "ResolutionStatus",
    "UnitKind",
]
