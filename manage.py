#!/usr/bin/env python
"""Django's command-line utility, with configuration and database errors kept to one line."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from config.startup import run_cleanly

    run_cleanly(sys.argv)


if __name__ == "__main__":
    main()
