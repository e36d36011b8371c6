"""Catalog URLs: the human page, and the API route (under /api/, see designer/urls.py)."""

from django.urls import path

from . import api, views

urlpatterns = [
    path("catalog/", views.catalog_page, name="catalog"),
]

api_urlpatterns = [
    path("catalog/", api.CatalogView.as_view(), name="api-catalog"),
]
