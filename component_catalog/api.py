"""The catalog over the API."""

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .catalog import get_catalog


class CatalogView(APIView):
    """Every component kind with its role, category, default props and technologies."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses={200: dict})
    def get(self, request):
        return Response(get_catalog().as_dict())
