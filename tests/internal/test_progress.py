"""A liaison of unit A cannot see, or report on, unit B's resolutions: not in the model, not in
the admin (listing or direct URL). The office sees everything."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from home.registries.roles import apply_roles
from internal.groups import LIAISONS, OFFICE
from internal.models import MemberUnit, ProgressReport, Resolution, UnitKind
from tests.factories import UserFactory, add_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def units_and_resolutions(site_tree):
    apply_roles()
    lead = MemberUnit.objects.create(name="永昌县人民检察院", kind=UnitKind.LEAD)
    unit_a = MemberUnit.objects.create(name="永昌县司法局", short_name="县司法局")
    unit_b = MemberUnit.objects.create(name="永昌县教育局", short_name="县教育局")
    liaison_a = UserFactory(groups=[LIAISONS], username="liaison_a")
    liaison_b = UserFactory(groups=[LIAISONS], username="liaison_b")
    unit_a.liaisons.add(liaison_a)
    unit_b.liaisons.add(liaison_b)
    add_meeting(
        site_tree["internal"],
        [
            {
                "requirement": "编制重点工作任务清单",
                "lead_unit": unit_a,
                "deadline": datetime.date(2026, 6, 30),
            },
            {"requirement": "落实入职查询制度", "lead_unit": unit_b, "deadline": datetime.date(2026, 6, 30)},
        ],
        lead=lead,
        title="2026年第一次联席会议",
    )
    ours, theirs = Resolution.objects.order_by("sort_order")
    return {
        "a": unit_a,
        "b": unit_b,
        "liaison_a": liaison_a,
        "liaison_b": liaison_b,
        "ours": ours,
        "theirs": theirs,
    }


def test_model_refuses_a_report_for_another_units_resolution(units_and_resolutions):
    d = units_and_resolutions
    with pytest.raises(ValidationError, match="只能报送本单位"):
        ProgressReport(
            resolution=d["theirs"], unit=d["a"], author=d["liaison_a"], text="已完成", new_status="done"
        ).save()
    with pytest.raises(ValidationError, match="不是该单位的联络员"):
        ProgressReport(
            resolution=d["theirs"], unit=d["b"], author=d["liaison_a"], text="已完成", new_status="done"
        ).save()
    assert not ProgressReport.objects.exists()


def test_liaison_lists_and_reports_only_their_units_resolutions(client, units_and_resolutions):
    d = units_and_resolutions
    client.force_login(d["liaison_a"])
    listing = client.get("/admin/resolutions/").content.decode()
    assert "编制重点工作任务清单" in listing and "落实入职查询制度" not in listing
    assert client.get(f"/admin/resolutions/{d['theirs'].pk}/").status_code == 404
    response = client.post(
        f"/admin/resolutions/{d['theirs'].pk}/", {"unit": d["a"].pk, "new_status": "done", "text": "冒名报送"}
    )
    assert response.status_code == 404
    response = client.post(
        f"/admin/resolutions/{d['ours'].pk}/",
        {"unit": d["a"].pk, "new_status": "in_progress", "text": "已起草清单初稿。"},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.unit, report.author, report.resolution) == (d["a"], d["liaison_a"], d["ours"])
    assert Resolution.objects.with_progress().get(pk=d["ours"].pk).current_status == "in_progress"


def test_liaison_cannot_choose_another_unit_in_the_form(client, units_and_resolutions):
    d = units_and_resolutions
    client.force_login(d["liaison_a"])
    response = client.post(
        f"/admin/resolutions/{d['ours'].pk}/", {"unit": d["b"].pk, "new_status": "done", "text": "选错单位"}
    )
    assert response.status_code == 200
    assert not ProgressReport.objects.exists()


def test_office_sees_every_resolution_and_the_whole_history(client, units_and_resolutions):
    d = units_and_resolutions
    ProgressReport(
        resolution=d["theirs"],
        unit=d["b"],
        author=d["liaison_b"],
        text="完成入职查询1500人。",
        new_status="done",
    ).save()
    client.force_login(UserFactory(groups=[OFFICE]))
    listing = client.get("/admin/resolutions/").content.decode()
    assert "编制重点工作任务清单" in listing and "落实入职查询制度" in listing
    history = client.get(f"/admin/resolutions/{d['theirs'].pk}/").content.decode()
    assert "完成入职查询1500人。" in history


@time_machine.travel(datetime.datetime(2026, 7, 1, 4, tzinfo=datetime.UTC))
def test_reporting_done_clears_overdue(units_and_resolutions):
    d = units_and_resolutions
    assert Resolution.objects.with_progress().get(pk=d["ours"].pk).overdue
    ProgressReport(
        resolution=d["ours"], unit=d["a"], author=d["liaison_a"], text="已完成。", new_status="done"
    ).save()
    resolution = Resolution.objects.with_progress().get(pk=d["ours"].pk)
    assert not resolution.overdue and resolution.status_label == "已完成"
