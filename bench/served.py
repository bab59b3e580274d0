"""Served benchmark: the site as production runs it — gunicorn with 2 sync workers and the
production settings — measured with wrk (Debian's `wrk`, 2 threads, 8 connections), with the page
cache off and on, and a static file served by the same gunicorn in the same run as the yardstick.
Prints requests/s and the ratio to the static file for home, a list, a detail page and search."""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
WRK_SECONDS = 8


def _free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def _environment(database_url: str, var_dir: Path, cache_seconds: int) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "VAR_DIR": str(var_dir),
        "STATIC_ROOT": str(var_dir / "static"),
        "PAGE_CACHE_SECONDS": str(cache_seconds),
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        # one client address sends every request: the per-address search limit would answer 429
        "SEARCH_RATE_LIMIT_COUNT": "1000000000",
    }


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer at {url}")


def _wrk(url: str) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{WRK_SECONDS}s", url], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if non_2xx:
        print(f"  ! {url}: {non_2xx.group(1)} error responses", flush=True)
    return float(match.group(1)) if match else 0.0


NGINX_PORT, PURGE_PORT = 8780, 8782


def _behind_nginx(var_dir: Path, paths: list[str], results: dict) -> None:
    """The same gunicorn behind the deployment recipe's nginx (bench/nginx.py)."""
    from bench import nginx

    if nginx.NGINX is None or not _free(NGINX_PORT):
        print("nginx run skipped: nginx is not installed (apt install nginx libnginx-mod-http-cache-purge)")
        return
    scratch = var_dir / "nginx"
    scratch.mkdir()
    config = nginx.local_config(
        scratch, app_port=PORT, port=NGINX_PORT, purge_port=PURGE_PORT, static_root=var_dir / "static"
    )
    nginx.start(config)
    try:
        front = f"http://127.0.0.1:{NGINX_PORT}"
        _wait(front + "/")
        for path in paths:
            address = front + quote(path, safe="/?=&")
            urllib.request.urlopen(address, timeout=30).read()  # the front cache keeps it
            results[path]["nginx"] = _wrk(address)
    finally:
        nginx.stop(config)


def run(database_url: str, paths: list[str]) -> None:
    if shutil.which("wrk") is None:
        print("served benchmark skipped: wrk is not installed (apt install wrk)")
        return
    if not _free(PORT):
        print(f"served benchmark skipped: port {PORT} is in use")
        return
    var_dir = Path(tempfile.mkdtemp(prefix="fjld-served-"))
    python = sys.executable
    gunicorn = str(Path(python).parent / "gunicorn")
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=_environment(database_url, var_dir, 0),
        check=True,
    )
    manifest = json.loads((var_dir / "static" / "staticfiles.json").read_text(encoding="utf-8"))
    static = "/static/" + manifest["paths"]["css/site.css"]
    base = f"http://127.0.0.1:{PORT}"
    results: dict[str, dict[str, float]] = {}
    for label, seconds in (("cache off", 0), ("cache on", 300)):
        server = subprocess.Popen(
            [gunicorn, "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}", "--log-level", "warning"],
            cwd=ROOT,
            env=_environment(database_url, var_dir, seconds),
        )
        try:
            _wait(base + "/")
            for path in [static, *paths]:
                address = base + quote(path, safe="/?=&")
                urllib.request.urlopen(address, timeout=30).read()  # warm: renditions, QR, cache
                results.setdefault(path, {})[label] = _wrk(address)
            if seconds:
                _behind_nginx(var_dir, [static, *paths], results)
        finally:
            server.terminate()
            server.wait(timeout=30)
    yardstick = results[static]
    print(f"\nserved by gunicorn (2 workers, production settings), wrk -t2 -c8 -d{WRK_SECONDS}s")
    print(f"{'URL':<44} {'off req/s':>10} {'ratio':>6} {'on req/s':>10} {'ratio':>6}")
    for path, by_label in results.items():
        off, on = by_label.get("cache off", 0.0), by_label.get("cache on", 0.0)
        shown = "static file (yardstick)" if path == static else path
        print(
            f"{shown:<44} {off:10.1f} {off / yardstick['cache off']:6.3f} {on:10.1f} {on / yardstick['cache on']:6.3f}"
        )
    if yardstick.get("nginx"):
        print(f"\nbehind nginx (deploy/nginx/fjld.conf: front cache on), wrk -t2 -c8 -d{WRK_SECONDS}s")
        print(f"{'URL':<44} {'req/s':>10} {'ratio':>6}")
        for path, by_label in results.items():
            shown = "static file (yardstick)" if path == static else path
            print(f"{shown:<44} {by_label['nginx']:10.1f} {by_label['nginx'] / yardstick['nginx']:6.3f}")
    shutil.rmtree(var_dir, ignore_errors=True)
