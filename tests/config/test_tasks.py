"""The django-tasks → django-q2 bridge and the schedule registry."""

import pytest
from django_q.models import OrmQ, Schedule
from django_q.signing import SignedPackage

from config.task_backend import DjangoQ2Backend, run_task
from home.registries.jobs import PREFIX, REGISTRY, apply_schedules

pytestmark = pytest.mark.django_db


def test_wagtail_task_is_handed_to_django_q_on_commit(django_capture_on_commit_callbacks, tmp_path):
    from wagtail.tasks import delete_file_from_storage_task

    target = tmp_path / "old-rendition.jpg"
    target.write_bytes(b"x")
    storage = ("django.core.files.storage.FileSystemStorage", (), {"location": str(tmp_path)})
    backend = DjangoQ2Backend("q2", {})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = backend.enqueue(delete_file_from_storage_task, [storage, "old-rendition.jpg"], {})
        assert OrmQ.objects.count() == 0  # nothing leaves before the transaction commits
    assert result.enqueued_at is not None
    for callback in callbacks:
        callback()
    queued = OrmQ.objects.get()
    package = SignedPackage.loads(queued.payload)
    assert package["func"] == "config.task_backend.run_task"
    # what the worker will do with it
    run_task(*package["args"])
    assert not target.exists()


def test_deferred_task_becomes_a_one_off_schedule(django_capture_on_commit_callbacks, settings):
    import datetime

    from django.utils import timezone
    from wagtail.tasks import update_reference_index_task

    settings.TASKS = {**settings.TASKS, "q2": {"BACKEND": "config.task_backend.DjangoQ2Backend"}}
    later = timezone.now() + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        update_reference_index_task.using(run_after=later, backend="q2").enqueue("wagtailcore", "page", "1")
    schedule = Schedule.objects.get(func="config.task_backend.run_task")
    assert schedule.schedule_type == Schedule.ONCE
    assert schedule.next_run == later


def test_schedule_registry_is_applied_idempotently():
    assert "publish_scheduled" in REGISTRY
    apply_schedules()
    first = list(Schedule.objects.filter(name__startswith=PREFIX).values_list("name", "minutes", "func"))
    assert (f"{PREFIX}publish_scheduled", 1, "home.jobs.publish_scheduled") in first
    assert apply_schedules() == []
    second = list(Schedule.objects.filter(name__startswith=PREFIX).values_list("name", "minutes", "func"))
    assert first == second


def test_schedules_no_longer_registered_are_removed():
    Schedule.objects.create(
        name=f"{PREFIX}retired_job", func="home.jobs.publish_scheduled", schedule_type="I", minutes=5
    )
    assert "retired_job" in apply_schedules()
    assert not Schedule.objects.filter(name=f"{PREFIX}retired_job").exists()


def test_publish_scheduled_job_publishes_pages_whose_time_has_come(site_tree):
    import datetime

    from django.utils import timezone

    from home.jobs import publish_scheduled
    from tests.factories import PolicyDocumentPageFactory

    page = PolicyDocumentPageFactory(parent=site_tree["disclosures"], live=False)
    page.go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save_revision(approved_go_live_at=page.go_live_at)
    page.refresh_from_db()
    assert not page.live
    publish_scheduled()
    page.refresh_from_db()
    assert page.live
