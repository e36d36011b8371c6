"""URLs of designer.export (included from designer/urls.py at the root, so paths are written in full)."""

from django.urls import path

from . import views

urlpatterns = [
    path("api/designs/<int:design_id>/export", views.DesignExportView.as_view(), name="design-export"),
    path("api/export/", views.ExportView.as_view(), name="export"),
    path("api/import/", views.ImportView.as_view(), name="import"),
    path("api/layout/", views.LayoutView.as_view(), name="layout"),
]
