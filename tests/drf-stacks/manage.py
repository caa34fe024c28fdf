#!/usr/bin/env python
"""Django projects as the docs of each DRF auth stack set them up, one per
STACK (see README.md beside this file), for dialect-gen's zero-flag
inference. Only PyPI packages."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
