"""API routes of designer.export (under /api/, see designer/urls.py)."""

from django.urls import path

from designer.sharing.http import design_routes

from . import api

api_urlpatterns = [
    *design_routes("export", api.DesignExportView.as_view(), "design-export"),
    path("export/", api.ExportView.as_view(), name="export"),
    path("import/", api.ImportView.as_view(), name="import"),
    path("layout/", api.LayoutView.as_view(), name="layout"),
    # Edit-link guests tidy up too; the document is posted, the token says who asks (throttles, limits).
    path("s/<str:token>/layout/", api.LayoutView.as_view(), name="layout"),
    # Edit-link guests open files into the design too (merged by the editor as one undoable change).
    path("s/<str:token>/import/", api.ImportView.as_view(), name="import"),
]
