from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD = "demo-pass-123"


class Command(BaseCommand):
    help = "The demo person dialect-gen's check signs in as (idempotent)."

    def handle(self, *args, **options):
        user, _ = get_user_model().objects.get_or_create(
            username="demo", defaults={"email": "demo@example.com", "first_name": "Demo"}
        )
        user.set_password(PASSWORD)
        user.save()
