"""URLs of designer.validation (included from designer/urls.py at the root)."""

from django.urls import path

from . import views

urlpatterns = [
    path("api/rules/", views.RulesView.as_view(), name="api-rules"),
    path("rules/", views.rules_page, name="rules"),
    path("rules/<str:rule_id>/", views.rule_page, name="rule-detail"),
]
