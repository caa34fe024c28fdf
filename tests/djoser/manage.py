#!/usr/bin/env python
"""A Django project built only from PyPI packages (Django, DRF, djoser,
drf-spectacular, django-cors-headers): the backend this repo does not
implement, for the dialect-file proof. See README.md beside this file."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
