"""The registry of recurring jobs, in code. `apply_schedules()` makes django-q2's Schedule table
match it (idempotent); it runs after every migrate and from `manage.py sync_schedules`.

Apps register their jobs in their `jobs.py`, found the way Django finds `admin.py` modules.
"""

from dataclasses import dataclass

PREFIX = "fjld:"


@dataclass(frozen=True)
class Job:
    name: str  # stable key, shown in the admin
    func: str  # dotted path of a module-level function
    minutes: int | None = None  # every N minutes…
    cron: str | None = None  # …or a cron expression (needs croniter)
    description: str = ""
    at: str | None = None  # "HH:MM" local time of the first run (then every `minutes`), e.g. daily mail

    def first_run(self):
        import datetime

        from django.utils import timezone

        now = timezone.localtime()
        if not self.at:
            return now
        hour, minute = (int(part) for part in self.at.split(":"))
        first = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
        return first if first > now else first + datetime.timedelta(days=1)

    @property
    def schedule_name(self) -> str:
        return f"{PREFIX}{self.name}"


REGISTRY: dict[str, Job] = {}


def register(job: Job) -> Job:
    REGISTRY[job.name] = job
    return job


def discover_jobs() -> dict[str, Job]:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("jobs")
    return REGISTRY


def apply_schedules() -> list[str]:
    """Create or update one Schedule per registered job; remove ours that are no longer registered."""
    from django_q.models import Schedule

    discover_jobs()
    changed = []
    for job in REGISTRY.values():
        fields = {"func": job.func, "repeats": -1}
        if job.cron:
            fields.update(schedule_type=Schedule.CRON, cron=job.cron, minutes=None)
        else:
            fields.update(schedule_type=Schedule.MINUTES, minutes=job.minutes or 1, cron=None)
        schedule = Schedule.objects.filter(name=job.schedule_name).first()
        if schedule is None:
            Schedule.objects.create(name=job.schedule_name, next_run=job.first_run(), **fields)
            changed.append(job.name)
        elif any(getattr(schedule, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(schedule, key, value)
            schedule.save()
            changed.append(job.name)
    stale = Schedule.objects.filter(name__startswith=PREFIX).exclude(
        name__in=[job.schedule_name for job in REGISTRY.values()]
    )
    changed += [name.removeprefix(PREFIX) for name in stale.values_list("name", flat=True)]
    stale.delete()
    return changed
