"""URLs of designer.validation: the rule pages, and API routes (under /api/, see designer/urls.py)."""

from django.urls import path

from designer.sharing.http import design_routes

from . import api, views

urlpatterns = [
    path("rules/", views.rules_page, name="rules"),
    path("rules/<str:rule_id>/", views.rule_page, name="rule-detail"),
]

api_urlpatterns = [
    path("rules/", api.RulesView.as_view(), name="api-rules"),
    path("validate/", api.ValidateView.as_view(), name="api-validate"),
    *design_routes("findings/", api.DesignFindingsView.as_view(), "api-design-findings"),
]
