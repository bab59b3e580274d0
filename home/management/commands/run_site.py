"""Run the web server and the django-q2 cluster together in the foreground; Ctrl-C stops both."""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

STOP_GRACE_SECONDS = 20


class Command(BaseCommand):
    help = "同时启动网站（runserver）和任务集群（qcluster），Ctrl-C 一并停止。"

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, **options):
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        address = f"{options['host']}:{options['port']}"
        # Each child in its own session: the terminal's Ctrl-C reaches only us, and we stop
        # each child the way it stops cleanly (qcluster wants a signal to its main process).
        web = subprocess.Popen([*manage, "runserver", address, "--noreload"], start_new_session=True)
        cluster = subprocess.Popen([*manage, "qcluster"], start_new_session=True)
        children = {"网站": web, "任务集群": cluster}
        stopping = False

        def request_stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        self.stdout.write(
            f"网站：http://{address}{settings.URL_PREFIX}/   后台：http://{address}{settings.URL_PREFIX}/admin/"
        )
        self.stdout.write("任务集群已启动（定时发布每分钟检查一次）。按 Ctrl-C 停止。")

        exit_code = 0
        while not stopping:
            for name, child in children.items():
                if child.poll() is not None:
                    self.stderr.write(f"{name}意外退出（退出码 {child.returncode}），正在停止其余进程。")
                    exit_code = 1
                    stopping = True
            time.sleep(0.5)

        self.stdout.write("正在停止网站和任务集群……")
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for name, child in children.items():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"{name}未能按时停止，强制结束。")
                child.kill()
                child.wait()
        self.stdout.write("已全部停止。")
        sys.exit(exit_code)
