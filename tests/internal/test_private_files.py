"""The section's files are for its members only: training photos and report attachments in
private storage behind a checking view, documents in the restricted 内部资料 collection, and any
document an internal page uses refused to outsiders whatever its collection."""

import io

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents.models import Document
from wagtail.models import Collection

from internal.groups import PRIVATE_COLLECTION
from internal.models import ProgressReport, TrainingPhoto
from tests.factories import UserFactory, add_training

pytestmark = pytest.mark.django_db


def jpeg(size=(1600, 1200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def roles(db):
    from home.registries.roles import apply_roles

    apply_roles()


@pytest.fixture
def training(site_tree):
    photo = TrainingPhoto(image=ContentFile(jpeg(), name="class.jpg"), caption="学员分组讨论案例")
    page = add_training(site_tree["internal"], photos=[photo])
    return page


def test_photos_live_outside_the_public_media_root_with_a_thumbnail(training):
    photo = training.photos.get()
    path = photo.image.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT)) and not path.startswith(str(settings.MEDIA_ROOT))
    with Image.open(photo.thumbnail.path) as thumbnail:
        assert max(thumbnail.size) == 640


def test_photos_are_served_to_members_only(client, training):
    photo = training.photos.get()
    for url in (f"/admin/internal-files/photo/{photo.pk}/", f"/admin/internal-files/photo/{photo.pk}/thumb/"):
        client.logout()
        assert client.get(url).status_code == 302  # to the login page
        client.force_login(UserFactory(groups=["宣传人员"]))
        response = client.get(url)
        assert response.status_code != 200 and not getattr(response, "streaming", False)
        client.force_login(UserFactory(groups=["成员单位联络员"]))
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
        assert "no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_training_page_shows_the_photo_thumbnails(client, training):
    client.force_login(UserFactory(groups=["联席会议办公室"]))
    html = client.get(training.url).content.decode()
    photo = training.photos.get()
    assert f'src="/admin/internal-files/photo/{photo.pk}/thumb/"' in html and 'alt="学员分组讨论案例"' in html


def test_documents_of_the_private_collection_need_a_member(client, site_tree):
    collection = Collection.objects.get(name=PRIVATE_COLLECTION)
    document = Document.objects.create(
        title="2026年同堂培训讲义",
        file=ContentFile(b"%PDF-1.4 internal", name="jiangyi.pdf"),
        collection=collection,
    )
    assert client.get(document.url).status_code == 302
    client.force_login(UserFactory(groups=["宣传人员"]))
    assert b"internal" not in b"".join(getattr(client.get(document.url), "streaming_content", [b""]))
    client.force_login(UserFactory(groups=["成员单位联络员"]))
    response = client.get(document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 internal"


def test_a_document_used_by_an_internal_page_is_refused_whatever_its_collection(client, site_tree):
    from tests.factories import add_meeting

    document = Document.objects.create(
        title="会议纪要（签发稿）", file=ContentFile(b"%PDF-1.4 minutes", name="jiyao.pdf")
    )
    meeting = add_meeting(site_tree["internal"], [])
    meeting.signed_document = document
    meeting.save_revision().publish()
    response = client.get(document.url)
    assert response.status_code == 404 and b"minutes" not in response.content
    client.force_login(UserFactory(groups=["联席会议办公室"]))
    assert client.get(document.url).status_code == 200


def test_document_files_are_not_served_as_plain_media(client, site_tree):
    document = Document.objects.create(title="讲义", file=ContentFile(b"%PDF-1.4 x", name="x.pdf"))
    assert client.get(f"/media/{document.file.name}").status_code == 404


def test_report_attachments_reach_their_unit_and_the_office_only(client, duties):
    resolution = duties["resolutions"]["建立热线数据互通机制"]
    client.force_login(duties["liaison_a"])
    response = client.post(
        f"/admin/resolutions/{resolution.pk}/",
        {
            "unit": duties["a"].pk,
            "new_status": "in_progress",
            "text": "已完成数据接口联调。",
            "attachment": SimpleUploadedFile(
                "联调报告.pdf", b"%PDF-1.4 report", content_type="application/pdf"
            ),
        },
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert report.attachment.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    url = f"/admin/internal-files/report/{report.pk}/"
    assert "联调报告" in client.get(f"/admin/resolutions/{resolution.pk}/").content.decode()
    assert client.get(url).status_code == 200
    client.force_login(duties["liaison_b"])
    assert client.get(url).status_code == 404
    client.force_login(duties["office"])
    response = client.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    client.logout()
    assert client.get(url).status_code == 302


def test_a_bad_attachment_is_refused_with_a_message_and_nothing_saved(client, duties):
    resolution = duties["resolutions"]["建立热线数据互通机制"]
    client.force_login(duties["liaison_a"])
    response = client.post(
        f"/admin/resolutions/{resolution.pk}/",
        {
            "unit": duties["a"].pk,
            "new_status": "done",
            "text": "见附件。",
            "attachment": SimpleUploadedFile("setup.exe", b"MZ", content_type="application/octet-stream"),
        },
    )
    assert response.status_code == 200
    assert "不支持这种文件类型" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_public_side_roles_hold_media_rights_only_on_the_public_collection(site_tree):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupCollectionPermission

    from home.registries.roles import PUBLIC_COLLECTION

    for group in ("宣传人员", "审核人员", "信息公开专员", "成员单位联络员"):
        held = set(
            GroupCollectionPermission.objects.filter(group__name=group).values_list(
                "collection__name", flat=True
            )
        )
        assert held <= {PUBLIC_COLLECTION}, group
    office = set(
        GroupCollectionPermission.objects.filter(group__name="联席会议办公室").values_list(
            "collection__name", flat=True
        )
    )
    assert office == {PUBLIC_COLLECTION, PRIVATE_COLLECTION}
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()  # Wagtail's defaults retired


def test_publicity_staff_cannot_move_a_document_to_root_or_touch_internal_ones(client, site_tree):
    from home.registries.roles import PUBLIC_COLLECTION

    public = Collection.objects.get(name=PUBLIC_COLLECTION)
    root = Collection.get_first_root_node()
    handout = Document.objects.create(
        title="普法宣传单", file=ContentFile(b"%PDF-1.4 public", name="p.pdf"), collection=public
    )
    internal = Document.objects.create(
        title="内部纪要",
        file=ContentFile(b"%PDF-1.4 internal", name="i.pdf"),
        collection=Collection.objects.get(name=PRIVATE_COLLECTION),
    )
    client.force_login(UserFactory(groups=["宣传人员"]))
    client.post(
        f"/admin/documents/edit/{handout.pk}/", {"title": handout.title, "collection": root.pk, "tags": ""}
    )
    handout.refresh_from_db()
    assert handout.collection == public  # Root is not among the collections offered to them
    assert client.get(f"/admin/documents/edit/{internal.pk}/").status_code in (302, 403)
    client.post(
        f"/admin/documents/edit/{internal.pk}/", {"title": internal.title, "collection": root.pk, "tags": ""}
    )
    internal.refresh_from_db()
    assert internal.collection.name == PRIVATE_COLLECTION
    assert client.get(internal.url).status_code in (302, 403, 404)


@pytest.mark.parametrize("how", ["admin form", "code"])
def test_a_file_attached_to_an_internal_page_is_never_served_with_the_queue_stopped(
    client, site_tree, settings, how
):
    """The task queue (reference index) is stopped: the check must not wait for it."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from home.registries.roles import PUBLIC_COLLECTION
    from internal.models import TrainingMaterial

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    public = Collection.objects.get(name=PUBLIC_COLLECTION)
    handout = Document.objects.create(
        title="培训讲义", file=ContentFile(b"%PDF-1.4 handout", name="handout.pdf"), collection=public
    )
    if how == "code":
        page = add_training(site_tree["internal"])
        TrainingMaterial.objects.create(page=page, document=handout)
    else:
        client.force_login(UserFactory(groups=["联席会议办公室"]))
        data = nested_form_data(
            {
                "title": "2026年度府检同堂培训",
                "slug": "training-2026",
                "date": "2026-10-22",
                "form": "joint",
                "place": "县委党校",
                "trainers": "县检察院副检察长",
                "attendance": inline_formset([]),
                "materials": inline_formset([{"document": handout.pk}]),
                "photos": inline_formset([]),
                "action-publish": "action-publish",
            }
        )
        response = client.post(
            f"/admin/pages/add/internal/trainingsessionpage/{site_tree['internal'].pk}/", data
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        handout.refresh_from_db()
        assert handout.collection.name == PRIVATE_COLLECTION  # moved when the page was saved
        client.logout()
    response = client.get(handout.url)
    body = b"".join(getattr(response, "streaming_content", [response.content]))
    assert response.status_code in (302, 403, 404) and b"%PDF-1.4 handout" not in body


def test_a_photo_of_too_many_pixels_is_refused_before_it_is_decoded(settings):
    """An 11000×11000 single-colour PNG is 15 KB but would take a gigabyte to decode."""
    from django.core.exceptions import ValidationError

    from internal.storage import validate_photo_pixels

    buffer = io.BytesIO()
    Image.new("1", (11_000, 11_000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(ValidationError, match="照片尺寸过大"):
        validate_photo_pixels(SimpleUploadedFile("huge.png", buffer.getvalue(), content_type="image/png"))
    with pytest.raises(ValidationError, match="无法识别这张照片"):
        validate_photo_pixels(SimpleUploadedFile("fake.png", b"not a picture", content_type="image/png"))


def test_a_public_image_of_too_many_pixels_is_refused_in_the_admin(client, site_tree):
    from django.contrib.auth import get_user_model
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    Image.new("1", (11_000, 11_000)).save(buffer, "PNG")
    client.force_login(get_user_model().objects.create_superuser("img", "i@example.gov.cn", "Fjld-图片-2026"))
    response = client.post(
        "/admin/images/add/",
        {
            "title": "巨图",
            "file": SimpleUploadedFile("huge.png", buffer.getvalue(), content_type="image/png"),
            "tags": "",
        },
    )
    assert not get_image_model().objects.filter(title="巨图").exists()
    assert response.status_code == 200


@pytest.mark.parametrize("kind", ["GIF", "PNG", "JPEG"])
def test_a_truncated_image_is_a_form_error_not_a_500(client, site_tree, kind):
    from django.contrib.auth import get_user_model
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "red").save(buffer, kind)
    truncated = buffer.getvalue()[: len(buffer.getvalue()) // 2]
    client.force_login(get_user_model().objects.create_superuser("img", "i@example.gov.cn", "Fjld-图片-2026"))
    client.raise_request_exception = False
    response = client.post(
        "/admin/images/add/",
        {
            "title": "半张图",
            "file": SimpleUploadedFile(
                f"half.{kind.lower()}", truncated, content_type=f"image/{kind.lower()}"
            ),
            "tags": "",
        },
    )
    assert response.status_code in {200, 400}
    assert not get_image_model().objects.filter(title="半张图").exists()
    assert "图片" in response.content.decode() or "文件" in response.content.decode()


def test_there_is_no_django_admin_to_find(client):
    assert client.get("/django-admin/").status_code == 404
