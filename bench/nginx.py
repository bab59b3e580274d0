"""The deployment recipe (deploy/nginx/fjld.conf) run locally: the same front cache, static files,
gzip and proxy settings, with its addresses, paths and certificate swapped for a scratch directory,
so the served benchmark measures nginx exactly as a county would run it."""

import getpass
import os
import shutil
import subprocess
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent / "deploy" / "nginx"
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


def local_config(
    scratch: Path,
    *,
    app_port: int,
    port: int,
    purge_port: int,
    static_root: Path,
    media_root: Path | None = None,
    worker_user: str | None = None,
) -> Path:
    """Write nginx.conf (and what it includes) into `scratch`; returns its path. `worker_user`:
    run nginx's workers as that user (www-data, as Debian does), else as the starting user."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=fjld.test",
         "-keyout", str(scratch / "privkey.pem"), "-out", str(scratch / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (DEPLOY / "fjld.conf").read_text(encoding="utf-8")
    for old, new in (
        ("server 127.0.0.1:8000", f"server 127.0.0.1:{app_port}"),
        ("listen 127.0.0.1:8081;", f"listen 127.0.0.1:{purge_port};"),
        ("listen 80;\n    listen [::]:80;", f"listen 127.0.0.1:{port + 1};"),
        ("listen 443 ssl http2;  # nginx 1.22 (Debian 12) syntax\n    listen [::]:443 ssl http2;",
         f"listen 127.0.0.1:{port};"),
        ("/etc/ssl/fjld/", f"{scratch}/"),
        ("/var/log/nginx/", f"{scratch}/"),
        ("/etc/nginx/fjld-", f"{scratch}/fjld-"),
        ("/var/cache/nginx/fjld", f"{scratch}/cache"),
        ("/srv/fjld/var/static/", f"{static_root}/"),
        ("/srv/fjld/var/media/", f"{media_root or scratch / 'media'}/"),
        ("/srv/fjld/deploy/nginx/errors/", f"{DEPLOY / 'errors'}/"),
    ):  # fmt: skip
        if old not in site:
            raise ValueError(f"deploy/nginx/fjld.conf changed: {old!r} not found")
        site = site.replace(old, new)
    (scratch / "fjld.conf").write_text(site, encoding="utf-8")
    for name in ("fjld-proxy.conf", "fjld-admin-allow.conf", "fjld-security-headers.conf"):
        shutil.copy(DEPLOY / name, scratch / name)
    config = scratch / "nginx.conf"
    config.write_text(
        "include /etc/nginx/modules-enabled/*.conf;\n"  # the cache-purge module
        # started as root, the workers would run as www-data, which may not enter a private scratch
        # directory: here they keep the starting user
        + (f"user {worker_user or getpass.getuser()};\n" if os.geteuid() == 0 else "")
        + f"pid {scratch}/nginx.pid;\nerror_log {scratch}/error.log;\nworker_processes auto;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n  include {scratch}/fjld.conf;\n}}\n",
        encoding="utf-8",
    )
    return config


def check(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([NGINX, "-t", "-c", str(config)], capture_output=True, text=True)


def start(config: Path) -> None:
    started = subprocess.run([NGINX, "-c", str(config)], capture_output=True, text=True)
    if started.returncode:
        raise RuntimeError(f"nginx did not start: {started.stderr.strip()}")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _free_pair() -> int:
    """A free port whose next one is free too (the config's plain-HTTP server listens there)."""
    import socket

    while True:
        port = _free_port()
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port


def start_on_free_ports(scratch: Path, attempts: int = 5, **options) -> tuple[Path, int, int]:
    """nginx started on free ports: (config, port, purge port). A port another process takes between
    the probe and nginx's bind (two test workers, a live server) is retried with new ones."""
    for attempt in range(attempts):
        port, purge_port = _free_pair(), _free_port()
        config = local_config(scratch, port=port, purge_port=purge_port, **options)
        try:
            start(config)
        except RuntimeError as error:
            if "in use" not in str(error) or attempt == attempts - 1:
                raise
            continue
        return config, port, purge_port
    raise AssertionError("unreachable")


def stop(config: Path) -> None:
    subprocess.run([NGINX, "-c", str(config), "-s", "stop"], capture_output=True)
