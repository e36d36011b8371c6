"""URLs of designer.sharing: API routes (under /api/, see designer/urls.py); the share page is the editor's."""

from django.urls import path

from . import api
from .http import design_routes

api_urlpatterns = [
    path("designs/<int:design_id>/share-links/", api.ShareLinkListView.as_view(), name="api-share-links"),
    path(
        "designs/<int:design_id>/share-links/<int:link_id>/",
        api.ShareLinkDetailView.as_view(),
        name="api-share-link",
    ),
    *design_routes("comments/", api.DesignCommentsView.as_view(), "api-design-comments"),
]
