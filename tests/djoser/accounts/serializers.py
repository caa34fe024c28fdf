"""The current user as this team exposes it at /auth/users/me/: names and
email editable, the username fixed, and an email that must be unique (a
rule only the server can check)."""
from django.contrib.auth import get_user_model
from rest_framework import serializers

User = get_user_model()


class CurrentUserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ("id", "username", "first_name", "last_name", "email", "date_joined")
        read_only_fields = ("id", "username", "date_joined")

    def validate_email(self, value):
        taken = User.objects.filter(email__iexact=value).exclude(pk=self.instance.pk if self.instance else None)
        if value and taken.exists():
            raise serializers.ValidationError("This email address is already in use.")
        return value
