"""Shared by the corpus generators: run the calling script under Django
from PyPI, in a venv made on first use (CORPUS_VENV), when this Python has
no Django."""
import os
import subprocess
import sys
import venv

DJANGO_REQ = "django>=5.2,<5.3"
VENV = os.environ.get("CORPUS_VENV", "/tmp/profile-model-django-venv")


def ensure_django(script):
    """Returns when Django imports; otherwise re-runs `script` in the venv."""
    try:
        import django  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get("CORPUS_IN_VENV"):
        sys.exit("django still missing inside the venv")
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        venv.create(VENV, with_pip=True)
    subprocess.check_call([py, "-m", "pip", "install", "-q", DJANGO_REQ])
    env = dict(os.environ, CORPUS_IN_VENV="1")
    os.execve(py, [py, os.path.abspath(script)] + sys.argv[1:], env)
