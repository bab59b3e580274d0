"""The deployment recipe in deploy/: nginx accepts it (`nginx -t`, when nginx is installed — CI
installs it), it never serves private media or documents, it overwrites X-Forwarded-For, and the
systemd units and environment template name what the settings read."""

import re
import shutil
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed here (.ci/run installs it)")
def test_nginx_accepts_the_site_configuration(tmp_path):
    from bench import nginx

    config = nginx.local_config(tmp_path, app_port=8000, port=8443, purge_port=8081, static_root=tmp_path)
    result = nginx.check(config)
    assert result.returncode == 0, result.stderr


def test_the_recipe_keeps_private_files_private_and_the_client_address_honest():
    site = (DEPLOY / "nginx" / "fjld.conf").read_text(encoding="utf-8")
    proxy = (DEPLOY / "nginx" / "fjld-proxy.conf").read_text(encoding="utf-8")
    served = re.findall(r"alias\s+([^;]+);", site)
    assert all("private" not in path and "documents" not in path for path in served)
    assert "location /media/ {\n        return 404;" in site
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in proxy  # overwritten, not appended
    units = {p.name: p.read_text(encoding="utf-8") for p in (DEPLOY / "systemd").glob("*.service")}
    assert "KillMode=mixed" in units["fjld-qcluster.service"] and "qcluster" in units["fjld-qcluster.service"]
    assert "gunicorn config.wsgi" in units["fjld-web.service"]
    env = (DEPLOY / "fjld.env.example").read_text(encoding="utf-8")
    for name in (
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "TRUSTED_PROXY_COUNT=1",
        "SERVE_MEDIA=false",
    ):
        assert name in env
