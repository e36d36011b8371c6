"""URLs of designer.interview: pages (at the root) and API routes (under /api/, see designer/urls.py)."""

from django.urls import path

from designer.sharing.http import design_routes

from . import api, views

urlpatterns = [
    path("designs/new/template", views.design_new_from_template, name="design-new-from-template"),
    *design_routes("report/", views.report, "interview-report"),
    path("designs/<int:design_id>/report/share", views.report_share, name="interview-report-share"),
    *design_routes("report.md", views.report_markdown_download, "interview-report-md"),
    *design_routes("report/diagram.svg", views.report_diagram, "interview-report-diagram"),
    *design_routes("replay/", views.replay, "interview-replay"),
]

api_urlpatterns = [
    path("templates/", api.TemplateListView.as_view(), name="api-templates"),
    path("designs/from-template/", api.DesignFromTemplateView.as_view(), name="api-design-from-template"),
    path("interview/framework/", api.FrameworkView.as_view(), name="api-interview-framework"),
    path("rubric/", api.RubricView.as_view(), name="api-rubric"),
    *design_routes("rubric/", api.DesignRubricView.as_view(), "api-design-rubric"),
    *design_routes("history/", api.DesignHistoryView.as_view(), "api-design-history"),
    *design_routes("history/<int:version>/", api.DesignHistoryVersionView.as_view(), "api-design-history-version"),
    *design_routes(
        "history/<int:version>/restore/", api.DesignHistoryRestoreView.as_view(), "api-design-history-restore"
    ),
    *design_routes("interview/", api.InterviewView.as_view(), "api-design-interview"),
    path("interviews/<int:session_id>/", api.InterviewDetailView.as_view(), name="api-interview"),
]
for action, view in (
    ("next", api.InterviewNextView),
    ("end", api.InterviewEndView),
    ("review", api.InterviewReviewView),
    ("share", api.InterviewShareView),
):
    # An account acts on an interview by id or on the design's latest; a link on the design's latest.
    api_urlpatterns += [
        path(f"interviews/<int:session_id>/{action}/", view.as_view(), name=f"api-interview-{action}"),
        *design_routes(f"interview/{action}/", view.as_view(), f"api-interview-{action}"),
    ]
