"""Export, import and layout endpoints: parse the query, authorise, call the pure exporters."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.api.heavy import BODY, heavy
from designer.api.parsers import IMPORT_PARSERS
from designer.api.throttles import throttles
from designer.document import validate_document
from designer.models import Design
from designer.sharing.http import DesignAPIView
from designer.validation.engine import validate_design

from .dot import LAYOUTS
from .formats import FORMATS, export, safe_filename, select_nodes
from .importers import IMPORT_FORMATS, import_document
from .layout import auto_layout
from .render import EXPORT_LIMITS, ExportError

#: Download headers: never sniffed, never shown inline, and an SVG opened directly runs nothing.
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


class QueryFormatNegotiation(DefaultContentNegotiation):
    """`?format=svg` names the export format here, not a DRF renderer: always answer errors in JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return JSONRenderer(), JSONRenderer.media_type


class QueryError(Exception):
    pass


class ExportErrors(APIView):
    """A mixin for the export views: an exporter's refusal (ExportError) is answered with its status
    and message."""

    def handle_exception(self, exc):
        if isinstance(exc, ExportError):
            return Response({"detail": exc.message}, status=exc.status)
        return super().handle_exception(exc)


def _choice(request, name: str, choices, default: str) -> str:
    value = request.query_params.get(name, default)
    if value not in choices:
        raise QueryError(f"{name} must be one of {', '.join(choices)}, not {value[:40]!r}")
    return value


@dataclass(frozen=True)
class Options:
    fmt: str
    layout: str
    findings: bool
    #: Draw the features table beside the diagram.
    features: bool
    scale: int
    #: Export only these nodes (the editor's selection), or everything when None.
    nodes: list[str] | None


def _options(request) -> Options:
    nodes = request.query_params.get("nodes")
    ids = [i for i in nodes.split(",") if i] if nodes is not None else None
    if ids is not None and not ids:
        raise QueryError("nodes must list node ids separated by commas")
    return Options(
        fmt=_choice(request, "format", FORMATS, "svg"),
        layout=_choice(request, "layout", LAYOUTS, "drawn"),
        findings=_choice(request, "findings", ("0", "1"), "0") == "1",
        features=_choice(request, "features", ("0", "1"), "0") == "1",
        scale=int(_choice(request, "scale", [str(s) for s in EXPORT_LIMITS["png_scales"]], "1")),
        nodes=ids,
    )


class UnknownNode(ExportError):
    status = 400


def _selected(document: dict, ids: list[str]) -> dict:
    try:
        return select_nodes(document, ids)
    except KeyError as exc:
        raise UnknownNode(f'nodes: no node "{str(exc.args[0])[:64]}" in this design') from None


def exported_document(doc: dict, options: Options, check: bool):
    """(the document exported, the export): a worker process's job (designer/offload.py)."""
    if check:
        validate_document(doc)
    findings = validate_design(doc) if options.findings else None
    if options.nodes is not None:
        doc = _selected(doc, options.nodes)
        # The whole design's findings that touch the part exported (a part alone would miss its context).
        kept = {n["id"] for n in doc["nodes"]} | {e["id"] for e in doc["edges"]}
        findings = [f for f in findings or [] if kept & {*f.nodes, *f.edges}] if options.findings else None
    return doc, export(doc, options.fmt, options.layout, findings, options.scale, options.features)


def laid_out(data) -> dict:
    """A posted document's auto-layout: a worker process's job."""
    return auto_layout(validate_document(data))


def _download(request, document, options: Options, *, check: bool = False):
    """The export as an attachment, made under the heavy-work gate (ExportErrors maps a refusal).
    `document` is the document, or BODY: the request body, parsed inside the gate."""
    document, exported = heavy(request, exported_document, document, options, check)
    response = HttpResponse(exported.content, content_type=exported.media_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = (
        f'attachment; filename="{safe_filename(document.get("title", ""), exported.extension)}"'
    )
    if options.fmt == "svg":
        response["Content-Security-Policy"] = SVG_CSP
    return response


_EXPORT_PARAMETERS = [
    OpenApiParameter("format", str, enum=list(FORMATS), description="svg (default), png, pdf, dot, mermaid or json"),
    OpenApiParameter(
        "layout", str, enum=list(LAYOUTS), description="drawn (canvas positions, default) or auto (graphviz dot)"
    ),
    OpenApiParameter("findings", str, enum=["0", "1"], description="1 overlays the validator's findings"),
    OpenApiParameter(
        "features", str, enum=["0", "1"], description="1 draws the features and signals table beside the diagram"
    ),
    OpenApiParameter(
        "scale", str, enum=[str(s) for s in EXPORT_LIMITS["png_scales"]], description="PNG px per canvas px (default 1)"
    ),
    OpenApiParameter(
        "nodes", str, description="comma-separated node ids: export only them (with what their groups hold)"
    ),
]
_EXPORT_RESPONSES = {
    200: OpenApiResponse(description="the file, as an attachment"),
    400: OpenApiResponse(description="bad query value or invalid document"),
    422: OpenApiResponse(description="too large to draw, or graphviz could not draw it"),
    503: OpenApiResponse(description="layout timed out"),
}


class ImportedSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=IMPORT_FORMATS)
    document = serializers.JSONField(help_text="the mlsd-design/1 document read (nothing is stored)")


class PositionSerializer(serializers.Serializer):
    x = serializers.FloatField()
    y = serializers.FloatField()
    width = serializers.FloatField(required=False, help_text="groups only")
    height = serializers.FloatField(required=False, help_text="groups only")


class LayoutSerializer(serializers.Serializer):
    positions = serializers.DictField(child=PositionSerializer(), help_text="node id → position")


class DesignExportView(ExportErrors, DesignAPIView):
    """A stored design as a download, for its owner and every share link (view, comment, edit)."""

    content_negotiation_class = QueryFormatNegotiation
    abilities = {"GET": "read"}
    throttle_classes = throttles("export")

    @extend_schema(parameters=_EXPORT_PARAMETERS, responses=_EXPORT_RESPONSES)
    def get(self, request, **route):
        design = Design.objects.get(pk=self.access.design_id)
        try:
            options = _options(request)
        except QueryError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return _download(request, design.document, options)


class ExportView(ExportErrors, APIView):
    """Stateless: a document in, a download out."""

    content_negotiation_class = QueryFormatNegotiation
    throttle_classes = throttles("export")

    @extend_schema(request=OpenApiTypes.OBJECT, parameters=_EXPORT_PARAMETERS, responses=_EXPORT_RESPONSES)
    def post(self, request):
        try:
            options = _options(request)
        except QueryError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return _download(request, BODY, options, check=True)


class ImportView(ExportErrors, DesignAPIView):
    """Raw JSON, an exported SVG or Mermaid text in; the document out (nothing is stored).

    For accounts at /api/import/, and for edit-link guests at /api/s/<token>/import/ (the editor merges a
    dropped file into the design they edit)."""

    abilities = {"POST": "edit"}
    accounts_anywhere = True
    content_negotiation_class = QueryFormatNegotiation
    parser_classes = IMPORT_PARSERS
    throttle_classes = throttles("export")

    @extend_schema(
        request={"application/json": dict, "image/svg+xml": str, "text/plain": str},
        parameters=[OpenApiParameter("format", str, enum=list(IMPORT_FORMATS), description="detected when omitted")],
        responses=ImportedSerializer,
    )
    def post(self, request, **route):
        fmt = request.query_params.get("format")
        if fmt is not None and fmt not in IMPORT_FORMATS:
            return Response(
                {"detail": f"format must be one of {', '.join(IMPORT_FORMATS)}, not {fmt[:40]!r}"},
                status=status.HTTP_400_BAD_REQUEST,
            )

        def read():
            raw = request.data  # parsed inside the gate; an empty body parses as {}
            return import_document(raw if isinstance(raw, bytes) else b"", fmt)

        detected, document = heavy(request, read)
        return Response({"format": detected, "document": document})


class LayoutView(ExportErrors, DesignAPIView):
    """Stateless auto-layout for "Tidy up": graphviz dot positions (and group sizes) in canvas coordinates.

    For accounts at /api/layout/, and for edit-link guests at /api/s/<token>/layout/.
    """

    abilities = {"POST": "edit"}
    accounts_anywhere = True
    error_statuses = {422: "too large to lay out, or graphviz could not draw it", 503: "layout timed out"}
    throttle_classes = throttles("layout")

    @extend_schema(request=OpenApiTypes.OBJECT, responses=LayoutSerializer)
    def post(self, request, **route):
        return Response(heavy(request, laid_out, BODY))
