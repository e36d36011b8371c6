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
    path("practice/", views.practice_home, name="practice-home"),
    path("practice/start", views.practice_start, name="practice-start"),
    path("designs/<int:design_id>/practice/report/", views.practice_report, name="practice-report"),
    path("designs/<int:design_id>/practice/report.md", views.practice_report_markdown, name="practice-report-md"),
    path(
        "designs/<int:design_id>/practice/report/<str:side>.svg",
        views.practice_report_diagram,
        name="practice-report-diagram",
    ),
    path("designs/<int:design_id>/practice/report.pdf", views.practice_report_pdf, name="practice-report-pdf"),
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
    path("problems/", api.ProblemListView.as_view(), name="api-problems"),
    path("problems/<str:problem_id>/", api.ProblemCardView.as_view(), name="api-problem"),
    path("compare/", api.CompareView.as_view(), name="api-compare"),
    path("practice/", api.PracticeListView.as_view(), name="api-practice-list"),
    path("designs/<int:design_id>/practice/", api.PracticeView.as_view(), name="api-practice"),
]
PRACTICE_ACTIONS: tuple[tuple[str, type[api.PracticeAPIView]], ...] = (
    ("ask", api.PracticeAskView),
    ("hint", api.PracticeHintView),
    ("step", api.PracticeStepView),
    ("compare", api.PracticeCompareView),
    ("end", api.PracticeEndView),
)
INTERVIEW_ACTIONS: tuple[tuple[str, type[api.InterviewActionView]], ...] = (
    ("problem", api.InterviewProblemView),
    ("reveal", api.InterviewRevealView),
    ("next", api.InterviewNextView),
    ("end", api.InterviewEndView),
    ("review", api.InterviewReviewView),
    ("share", api.InterviewShareView),
)
for action, practice_view in PRACTICE_ACTIONS:
    api_urlpatterns.append(
        path(f"designs/<int:design_id>/practice/{action}/", practice_view.as_view(), name=f"api-practice-{action}")
    )
for action, view in INTERVIEW_ACTIONS:
    # An account acts on an interview by id or on the design's latest; a link on the design's latest.
    api_urlpatterns += [
        path(f"interviews/<int:session_id>/{action}/", view.as_view(), name=f"api-interview-{action}"),
        *design_routes(f"interview/{action}/", view.as_view(), f"api-interview-{action}"),
    ]
