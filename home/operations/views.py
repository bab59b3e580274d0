"""The monitoring endpoint: is the database up, is the task cluster running."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache


@never_cache
def health(request):
    """Database and task-queue health for monitoring: 200 when both are fine, 503 otherwise. The
    details (database vendor, queue, error text) only for staff who may read 网站自查; anyone else
    learns up or down, nothing about hosts or errors."""
    from home.registries.jobs import REGISTRY

    report = {"database": {"ok": False}, "queue": {"ok": False}}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        report["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # health must answer, whatever the failure
        report["database"]["error"] = str(exc).splitlines()[0][:200]

    if report["database"]["ok"]:
        report["queue"] = _queue_health(REGISTRY["publish_scheduled"].schedule_name)
    healthy = report["database"]["ok"] and report["queue"]["ok"]
    report["status"] = "ok" if healthy else "degraded"
    if not (request.user.is_authenticated and request.user.has_perm("home.view_site_health")):
        report = {"status": report["status"]}
    return JsonResponse(report, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})


def _queue_health(heartbeat_schedule: str) -> dict:
    """The every-minute publishing schedule is the cluster's heartbeat: the scheduler moves its
    next_run forward each time it fires, so a next_run long past means no cluster is running."""
    from django_q.brokers import get_broker
    from django_q.models import Schedule

    queue = {"ok": False, "broker": "redis" if settings.REDIS_URL else "orm"}
    try:
        queue["pending"] = get_broker().queue_size()
    except Exception as exc:
        queue["error"] = f"无法连接任务队列：{str(exc).splitlines()[0][:200]}"
        return queue
    schedule = Schedule.objects.filter(name=heartbeat_schedule).only("next_run").first()
    if schedule is None:
        queue["error"] = "定时任务尚未登记（请运行 manage.py migrate 或 sync_schedules）"
        return queue
    late = (timezone.now() - schedule.next_run).total_seconds()
    queue["next_scheduled_run"] = timezone.localtime(schedule.next_run).isoformat()
    queue["ok"] = late < 180
    if not queue["ok"]:
        queue["error"] = f"任务集群已 {int(late // 60)} 分钟未运行定时任务（qcluster 是否已启动？）"
    return queue
