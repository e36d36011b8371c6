"""Catalog URLs: the API endpoint and the human page."""

from django.urls import path

from . import views

urlpatterns = [
    path("api/catalog/", views.CatalogView.as_view(), name="api-catalog"),
    path("catalog/", views.catalog_page, name="catalog"),
]
