from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD = "demo-pass-123"


class Command(BaseCommand):
    help = "The demo people the e2e signs in as (idempotent)."

    def handle(self, *args, **options):
        User = get_user_model()
        for username, email, first in [("demo", "demo@example.com", "Demo"), ("grace", "grace@example.com", "Grace")]:
            user, _ = User.objects.get_or_create(username=username, defaults={"email": email, "first_name": first})
            user.set_password(PASSWORD)
            user.save()
