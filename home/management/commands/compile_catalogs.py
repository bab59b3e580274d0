"""Compile the project's .po catalogues to .mo with polib (no system gettext needed)."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "编译 locale/ 下的翻译目录（.po → .mo）。"

    def handle(self, *args, **options):
        for po_path in sorted(Path(settings.BASE_DIR / "locale").glob("*/LC_MESSAGES/*.po")):
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"{po_path.relative_to(settings.BASE_DIR)} → .mo")
