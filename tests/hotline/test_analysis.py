"""研判 finds exactly the planted 类案: 6 河道倾倒 in one town in 20 days and 5 过期食品 in another in
28 days are alerts; 4 in a month, 5 spread over 60 days and a town's mix of fields are not; a
threshold staff change finds more or fewer. Counts by field and 乡镇 stand beside the previous
period; hot words leave out the stop words staff add; the command's JSON carries the keys; the page
costs the same number of queries at 60 and 600 工单."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from hotline.analysis import analyse, month_range
from hotline.models import AnalysisSettings, StopWord, Ticket
from hotline.sorting import active_rules, sort_ticket, words_of
from hotline.ticket_import import recount_months

pytestmark = pytest.mark.django_db


NUMBERS = iter(range(1, 100_000))


def plant(day, township, content):
    field, rule, hit = sort_ticket(content, active_rules())
    return Ticket(source="12345", number=f"T{next(NUMBERS):05d}", received_on=day, content=content, township=township,
                  field=field, rule_id=rule, matched=hit, words=words_of(content))  # fmt: skip


@pytest.fixture
def month(today):
    """Last month, with planted clusters and a background of unrelated 工单."""
    first = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    last = month_range(first, first)[1]
    tickets = []
    for i in range(6):  # 6 in 20 days: an alert
        tickets.append(
            plant(first + datetime.timedelta(days=2 + i * 4), "城关镇", "北海子河道有人倾倒建筑垃圾")
        )
    for i in range(5):  # exactly 5 in 28 days: an alert
        tickets.append(
            plant(first + datetime.timedelta(days=i * 7 % 28), "河西堡镇", "学校周边小卖部销售过期食品")
        )
    for i in range(4):  # 4 in a month: none
        tickets.append(plant(first + datetime.timedelta(days=i * 5), "朱王堡镇", "燃气管道存在安全隐患"))
    for i in range(5):  # 5 over 60 days, at most 2 in any 30: none
        tickets.append(
            plant(
                first - datetime.timedelta(days=56) + datetime.timedelta(days=i * 14),
                "东寨镇",
                "有人焚烧秸秆",
            )
        )
    for i, text in enumerate(
        ["网吧接纳未成年人", "盲道被占用", "烈士陵园无人管理", "冒领养老金", "古建筑被拆"]
    ):
        tickets.append(plant(first + datetime.timedelta(days=i), "东寨镇", text))  # one town, five fields
    for i in range(40):  # the background: nothing a rule sorts
        tickets.append(
            plant(
                first + datetime.timedelta(days=i % 28),
                ["城关镇", "新城子镇", "水源镇"][i % 3],
                "道路坑洼需要维修",
            )
        )
    Ticket.objects.bulk_create(tickets)
    recount_months({(first - datetime.timedelta(days=days)).replace(day=1) for days in (0, 30, 60)})
    return first, last


def test_exactly_the_planted_clusters_are_found(month):
    result = analyse(*month)
    found = sorted((c.township, c.field_label, c.count) for c in result["clusters"])
    assert found == [("城关镇", "生态环境和资源保护", 6), ("河西堡镇", "食品药品安全", 5)]
    cluster = next(c for c in result["clusters"] if c.township == "城关镇")
    assert cluster.first == month[0] + datetime.timedelta(days=2) and len(cluster.tickets) == 6

    settings = AnalysisSettings.current()
    settings.cluster_count, settings.cluster_days = 4, 30
    settings.save()
    assert len(analyse(*month)["clusters"]) == 3  # the 燃气 four now count
    settings.cluster_count = 7
    settings.save()
    assert analyse(*month)["clusters"] == []


def test_counts_by_field_and_town_beside_the_previous_month_and_hot_words(month):
    result = analyse(*month)
    by_field = {label: (now, before) for _, label, now, before in result["by_field"]}
    assert (
        by_field["生态环境和资源保护"][0] == 6 + 1 and by_field["未归类"][0] == 40
    )  # and one 秸秆 on the 1st
    assert by_field["生态环境和资源保护"][1] == 2  # 焚烧秸秆 of the month before
    towns = {name: now for name, now, _ in result["by_township"]}
    assert towns["城关镇"] == 6 + 14
    words = dict(result["hot_words"])
    assert words["坑洼"] == 40 and "倾倒" in words
    StopWord.objects.create(word="坑洼")
    assert "坑洼" not in dict(analyse(*month)["hot_words"])


def test_the_command_prints_the_contracted_keys(month):
    out = io.StringIO()
    call_command("hotline_analysis", "--month", f"{month[0]:%Y-%m}", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"total", "by_field", "by_township", "hot_words", "clusters"}
    assert data["total"] == 6 + 5 + 4 + 1 + 5 + 40  # of the five 秸秆, one falls in the month
    assert {"township", "field", "count", "first", "last", "tickets"} <= set(data["clusters"][0])
    from django.core.management import CommandError

    for bad in ("2026-13", "2026/11", "十一月", "'; DROP"):
        with pytest.raises(CommandError, match="月份无效"):
            call_command("hotline_analysis", "--month", bad)


def test_a_rule_changed_by_staff_sorts_every_ticket_again(month, django_capture_on_commit_callbacks):
    from hotline.models import SortingRule

    rule = SortingRule.objects.get(field="environment")
    with django_capture_on_commit_callbacks(execute=True):
        SortingRule.objects.create(field="safety", words="坑洼", order=1)
    assert Ticket.objects.filter(field="safety", content__contains="坑洼").count() == 40
    assert dict((label, now) for _, label, now, _ in analyse(*month)["by_field"])["安全生产"] == 40 + 4
    with django_capture_on_commit_callbacks(execute=True):
        rule.is_active = False
        rule.save()
    assert not Ticket.objects.filter(field="environment").exists()
