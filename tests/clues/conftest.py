import pytest
from django.contrib.auth.models import Group

from home.registries.roles import apply_roles
from internal.groups import GOVERNMENT_FOLLOW_UP, LIAISONS, OFFICE, PROCURATORATE_OFFICE
from tests.factories import MemberUnitFactory, UserFactory


@pytest.fixture
def register_people(db):
    """Two agencies and the police, a liaison for each, the procuratorate, the office and 法治督办."""
    apply_roles()
    liaisons = Group.objects.get(name=LIAISONS)
    units = {
        "market": MemberUnitFactory(name="永昌县市场监督管理局", short_name="县市场监管局"),
        "land": MemberUnitFactory(name="永昌县自然资源局", short_name="县自然资源局"),
        "police": MemberUnitFactory(name="永昌县公安局", short_name="县公安局"),
    }
    people = {"units": units}
    for key, unit in units.items():
        people[key] = UserFactory(username=f"liaison-{key}", groups=[liaisons])
        unit.liaisons.add(people[key])
    people["procuratorate"] = UserFactory(
        username="jianyi", groups=[Group.objects.get(name=PROCURATORATE_OFFICE)]
    )
    people["office"] = UserFactory(username="bangongshi", groups=[Group.objects.get(name=OFFICE)])
    people["government"] = UserFactory(
        username="fazhiduban", groups=[Group.objects.get(name=GOVERNMENT_FOLLOW_UP)]
    )
    return people
