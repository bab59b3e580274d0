from .index import InternalIndexPage
from .meeting import AttendanceStatus, MeetingAttendance, MeetingKind, MeetingPage, Resolution
from .progress import ProgressReport
from .reminders import SentReminder
from .status import ResolutionStatus
from .training import (
    TraineeCategory,
    TrainingAttendance,
    TrainingForm,
    TrainingMaterial,
    TrainingPhoto,
    TrainingSessionPage,
    joint_trainings_by_year,
    years_missing_the_target,
)
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
    "SentReminder",
    "TraineeCategory",
    "TrainingAttendance",
    "TrainingForm",
    "TrainingMaterial",
    "TrainingPhoto",
    "TrainingSessionPage",
    "UnitKind",
    "joint_trainings_by_year",
    "years_missing_the_target",
]
