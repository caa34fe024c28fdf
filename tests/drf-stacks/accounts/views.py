"""The current user, for the stacks that bring only sign-in (DRF's
authtoken, simplejwt): the RetrieveUpdateAPIView a team writes itself."""
from django.contrib.auth import get_user_model
from rest_framework import generics, permissions, serializers


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = ("id", "username", "first_name", "last_name", "email", "date_joined")
        read_only_fields = ("id", "username", "date_joined")


class MeView(generics.RetrieveUpdateAPIView):
    serializer_class = MeSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_object(self):
        return self.request.user
