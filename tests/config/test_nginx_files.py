"""The deploy recipe serves its own files (issue 25): nginx's workers run as www-data, as on Debian,
and read static files, original images and renditions written with the recipe's users, groups and
modes (STATIC_ROOT and MEDIA_ROOT in the group fjld-web with the setgid bit; files 0640, made under
the service's UMask=0027), while private files (0600 in a 0700 folder) stay out of its reach."""

import grp
import http.client
import io
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.test import override_settings
from PIL import Image

from bench import nginx

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        os.geteuid() != 0,
        reason="needs root: the recipe makes the fjld-web group and nginx's workers run as www-data",
    ),
    pytest.mark.skipif(nginx.NGINX is None, reason="nginx is not installed (.ci/run installs it)"),
]
WEB_GROUP = "fjld-web"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": "testserver"})
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.fixture
def server_tree():
    """/srv/fjld laid out by the recipe's own deploy/prepare-folders.sh, in a scratch folder, and
    the app writing into it under the service's UMask=0027."""
    top = Path(tempfile.mkdtemp(prefix="fjld-srv-"))
    subprocess.run(["bash", str(DEPLOY / "prepare-folders.sh"), str(top), "root"], check=True)
    old_umask = os.umask(0o027)
    try:
        yield top / "var"
    finally:
        os.umask(old_umask)
        shutil.rmtree(top, ignore_errors=True)


def test_nginx_as_www_data_reads_static_files_originals_and_renditions_but_no_private_file(
    server_tree, tmp_path
):
    from django.core.files.base import ContentFile
    from wagtail.images import get_image_model

    static = server_tree / "static"
    (static / "css").mkdir(mode=0o2750)  # collectstatic under the unit's umask: folders keep the group
    (static / "css" / "site.css").write_text("body{}")  # 0640 under UMask=0027
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (30, 60, 90)).save(buffer, "PNG")
    with override_settings(
        MEDIA_ROOT=server_tree / "media", PRIVATE_MEDIA_ROOT=server_tree / "private-media"
    ):
        image = get_image_model().objects.create(
            title="普法海报", file=ContentFile(buffer.getvalue(), name="poster.png")
        )
        rendition = image.get_rendition("fill-60x40")
        from home.security.storage import private_storage

        secret = private_storage().save("reports/proof.pdf", ContentFile(b"%PDF-1.4 secret"))
        original = Path(image.file.path)
    assert (
        original.stat().st_mode & 0o777 == 0o640 and original.stat().st_gid == grp.getgrnam(WEB_GROUP).gr_gid
    )
    assert (server_tree / "private-media" / secret).stat().st_mode & 0o777 == 0o600

    config, port, _purge_port = nginx.start_on_free_ports(
        tmp_path,
        app_port=free_port(),
        static_root=static,
        media_root=server_tree / "media",
        worker_user="www-data",
    )
    try:
        assert get(port, "/static/css/site.css") == 200
        assert get(port, f"/media/{image.file.name}") == 200
        assert get(port, f"/media/{rendition.file.name}") == 200
        # not a path nginx serves files from: whatever it answers, it is not the file
        assert get(port, f"/media/../private-media/{secret}") != 200
    finally:
        nginx.stop(config)
    # and the private file is out of www-data's reach on disk, whatever nginx is told
    readable = subprocess.run(
        ["runuser", "-u", "www-data", "--", "cat", str(server_tree / "private-media" / secret)],
        capture_output=True,
    )
    assert readable.returncode != 0
