"""Drafts never reach the public, and a preview always shows the draft: an editor's preview of an
unreviewed draft must not leave anything (a fragment, a route, a listing, a page) where an anonymous
reader on the site's own host is served from, and what an anonymous reader left kept must not stand
in for the editor's draft (the test settings keep pages and fragments as production does)."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import CaseExamplePageFactory

pytestmark = pytest.mark.django_db

LIVE, DRAFT = "出租银行卡供他人接收诈骗资金构成帮助信息网络犯罪活动罪。", "草稿要旨：尚未经过三审，不得公开。"


@pytest.fixture
def case_with_a_draft(site_tree):
    case = CaseExamplePageFactory(parent=site_tree["cases"], title="李某帮助信息网络犯罪活动案", gist=LIVE)
    draft = case.get_latest_revision_as_object()
    draft.gist = DRAFT
    revision = draft.save_revision()  # saved, not submitted, not published
    return case, revision


@pytest.fixture
def editor(client):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.gov.cn", "演示密码-2026")
    return editor


def preview(client, editor, case, revision) -> str:
    """What the editor sees previewing the draft (Wagtail's revision preview: request.is_preview)."""
    client.force_login(editor)
    response = client.get(f"/admin/pages/{case.pk}/revisions/{revision.pk}/view/")
    client.logout()
    assert response.status_code == 200
    return response.content.decode()


def test_a_preview_of_a_draft_never_reaches_an_anonymous_reader(client, case_with_a_draft, editor):
    case, revision = case_with_a_draft
    assert DRAFT in preview(client, editor, case, revision)
    for url in (case.url, "/cases/", "/"):
        html = client.get(url).content.decode()
        assert DRAFT not in html, url
    assert LIVE in client.get(case.url).content.decode()


def test_a_preview_shows_the_draft_after_an_anonymous_view(client, case_with_a_draft, editor):
    case, revision = case_with_a_draft
    assert LIVE in client.get(case.url).content.decode()  # kept for anonymous readers
    html = preview(client, editor, case, revision)
    assert DRAFT in html and LIVE not in html
    assert LIVE in client.get(case.url).content.decode()


def test_a_draft_save_renews_nothing_public(client, case_with_a_draft):
    from django.core.cache import caches

    case, _revision = case_with_a_draft
    client.get(case.url)
    kept = set(caches["pages"]._cache)
    draft = case.get_latest_revision_as_object()
    draft.gist = "再一稿。"
    draft.save_revision()
    assert set(caches["pages"]._cache) == kept  # nothing thrown away, nothing new
    assert client.get(case.url)["X-Page-Cache"] == "hit"
