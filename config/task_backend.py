"""The django-tasks → django-q2 bridge: Wagtail's own background work runs on the qcluster.

Wagtail 8 enqueues through the django-tasks API (search index, reference index, focal points,
file deletion, front-cache purges); django-tasks ships no backend that hands work to another
process, so this one hands each task to django-q2 once the surrounding transaction commits.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskContext, TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id

RUNNER = "config.task_backend.run_task"


def run_task(module_path: str, args: list, kwargs: dict, result_id: str, backend: str):
    """Executed by a qcluster worker: resolve the task by its path and call it."""
    task: Task = import_string(module_path)
    if task.takes_context:
        result = _new_result(task, args, kwargs, result_id, backend)
        return task.call(TaskContext(task_result=result), *args, **kwargs)
    return task.call(*args, **kwargs)


def _new_result(task, args, kwargs, result_id, backend) -> TaskResult:
    return TaskResult(
        task=task,
        id=result_id,
        status=TaskResultStatus.READY,
        enqueued_at=None,
        started_at=None,
        last_attempted_at=None,
        finished_at=None,
        args=list(args),
        kwargs=dict(kwargs),
        backend=backend,
        errors=[],
        worker_ids=[],
    )


class DjangoQ2Backend(BaseTaskBackend):
    supports_defer = True

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        self.validate_task(task)
        result = _new_result(task, args, kwargs, get_random_id(), self.alias)
        payload = (task.module_path, result.args, result.kwargs, result.id, self.alias)

        def submit():
            if task.run_after is not None:
                from django_q.models import Schedule

                Schedule.objects.create(
                    name=f"task {task.name} {result.id}"[:100],
                    func=RUNNER,
                    args=repr(payload),
                    schedule_type=Schedule.ONCE,
                    repeats=1,
                    next_run=task.run_after,
                )
            else:
                from django_q.tasks import async_task

                async_task(RUNNER, *payload, task_name=task.name[:100], group=task.queue_name)

        # Hand over only committed work: a worker must see the rows the task refers to.
        transaction.on_commit(submit)
        object.__setattr__(result, "enqueued_at", timezone.now())
        task_enqueued.send(type(self), task_result=result)
        return result


def call_dotted(func_path: str, args: list, kwargs: dict):
    return import_string(func_path)(*args, **kwargs)


class LocalizeJobBackend:
    """wagtail-localize's own small job API (subtree translation, syncs) onto the same cluster."""

    def __init__(self, options):
        self.options = options

    def enqueue(self, func, args, kwargs):
        from django_q.tasks import async_task

        path = f"{func.__module__}.{func.__qualname__}"
        transaction.on_commit(
            lambda: async_task("config.task_backend.call_dotted", path, list(args), dict(kwargs))
        )
