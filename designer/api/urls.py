"""API routes of the designs themselves (under /api/, see designer/urls.py)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from designer.sharing.http import design_routes

from . import views

urlpatterns = [
    path("designs/", views.DesignListView.as_view(), name="api-design-list"),
    *design_routes("", views.DesignDetailView.as_view(), "api-design-detail", link_route="design/"),
    *design_routes("ops/", views.DesignOpsView.as_view(), "api-design-ops"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's set-up as a script file: no inline script (the pages' CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
