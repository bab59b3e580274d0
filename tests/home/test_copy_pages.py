"""Copying a page in the admin works for every page type (a copy of a policy document once failed
with an IntegrityError on its unique 索引号): the test walks all page models the site defines."""

import pytest
from django.apps import apps
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and not model._meta.abstract
        and model._meta.app_label in {"home", "campaigns", "disclosures", "internal"}
    ]  # fmt: skip


def test_every_page_type_can_be_copied_in_the_admin(client, demo_site, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.gov.cn", "x"))
    copied = []
    for model in page_models():
        original = model.objects.filter(locale__language_code="zh-hans").live().first()
        assert original is not None, f"the demo has no {model.__name__}"
        parent = original.get_parent()
        response = client.post(
            f"/admin/pages/{original.pk}/copy/",
            {
                "new_title": f"{original.title}（副本）",
                "new_slug": f"{original.slug}-copy",
                "new_parent_page": parent.pk,
                "copy_subpages": "",
                "publish_copies": "",
                "alias": "",
            },
        )
        assert response.status_code == 302, (model.__name__, response.content.decode()[:500])
        copy = Page.objects.get(slug=f"{original.slug}-copy").specific
        assert type(copy) is model and not copy.live
        copied.append(model.__name__)
    assert {"PolicyDocumentPage", "CaseExamplePage", "MeetingPage", "StatisticsReleasePage"} <= set(copied)


def test_a_copied_policy_document_gets_its_own_index_number_when_published(demo_site):
    from disclosures.models import PolicyDocumentPage

    original = PolicyDocumentPage.objects.live().exclude(index_number=None).first()
    copy = original.copy(update_attrs={"slug": "copy-of-document", "title": "副本"}, keep_live=False)
    assert copy.index_number is None
    copy.save_revision().publish()
    copy.refresh_from_db()
    assert copy.index_number and copy.index_number != original.index_number
