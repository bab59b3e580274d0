import datetime

import pytest
from django.utils import timezone
from django_q.models import Schedule

from home.registries.jobs import REGISTRY, apply_schedules

pytestmark = pytest.mark.django_db


def test_health_reports_database_and_queue(admin_client):
    client = admin_client  # the details are for staff; anonymous callers get up or down only
    apply_schedules()
    # a running cluster keeps moving the heartbeat schedule's next run forward
    Schedule.objects.filter(name=REGISTRY["publish_scheduled"].schedule_name).update(next_run=timezone.now())
    response = client.get("/health/")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"]["ok"] is True
    assert data["queue"]["ok"] is True
    assert data["queue"]["broker"] == "orm"
    assert "no-cache" in response["Cache-Control"]


def test_health_degrades_when_no_cluster_runs_the_schedule(client, admin_client):
    apply_schedules()
    stale = timezone.now() - datetime.timedelta(minutes=10)
    Schedule.objects.filter(name=REGISTRY["publish_scheduled"].schedule_name).update(next_run=stale)
    response = admin_client.get("/health/")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "degraded"
    assert "qcluster" in data["queue"]["error"]
    anonymous = client.get("/health/")
    assert anonymous.status_code == 503 and anonymous.json() == {"status": "degraded"}
