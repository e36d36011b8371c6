"""Serializers: the envelope around a design document (the document itself is checked by designer.document)."""

from rest_framework import serializers

from designer import limits
from designer.document import InvalidDocument, check_document
from designer.models import Design


class DocumentField(serializers.JSONField):
    """Any parsed JSON, unchecked here: designer/document.py checks it and names every problem's path
    (DRF's JSONField would refuse NaN or a NUL with a message that names none)."""

    def to_internal_value(self, data):
        return data


class DesignSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Design
        fields = ["id", "title", "version", "created_at", "updated_at"]


class DesignSerializer(serializers.ModelSerializer):
    class Meta:
        model = Design
        fields = ["id", "title", "version", "created_at", "updated_at", "document"]


class DesignWriteSerializer(serializers.Serializer):
    """PUT body: the full document and the version it was based on (optimistic concurrency)."""

    document = DocumentField()
    version = serializers.IntegerField(min_value=1, required=False, help_text="the version this write is based on")


class DesignCreateSerializer(serializers.Serializer):
    document = DocumentField(required=False, help_text="an mlsd-design/1 document (default: blank)")
    title = serializers.CharField(max_length=limits.LABEL_CHARS, required=False)

    def validate_document(self, value):
        # Anything but an object is refused here with the format's own message (the title is set
        # on the document before it is checked as a whole).
        if not isinstance(value, dict):
            raise InvalidDocument(check_document(value))
        return value


class OpsSerializer(serializers.Serializer):
    # Each op's exact shape is checked by designer/ops.py, which names the path of every problem.
    ops = serializers.ListField(child=DocumentField(), max_length=limits.OPS_PER_BATCH)
    client_op_id = serializers.RegexField(limits.ID_PATTERN, required=False, allow_blank=True)


class ProblemSerializer(serializers.Serializer):
    path = serializers.CharField()
    message = serializers.CharField()


# Response shapes: what the API answers, so /api/schema/ describes every field.


class DesignReadSerializer(DesignSerializer):
    role = serializers.ChoiceField(choices=["owner", "edit", "comment", "view"], help_text="your role on the design")

    class Meta(DesignSerializer.Meta):
        fields = [*DesignSerializer.Meta.fields, "role"]


class FindingSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text="the rule's id (its page: /rules/<id>/)")
    severity = serializers.ChoiceField(choices=["error", "warning", "info"])
    message = serializers.CharField()
    fix = serializers.CharField()
    nodes = serializers.ListField(child=serializers.CharField())
    edges = serializers.ListField(child=serializers.CharField())
    path = serializers.ListField(child=serializers.CharField(), required=False, help_text="node ids along a path")
    features = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="ids of the features the finding is about"
    )
    signals = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="ids of the signals the finding is about"
    )


class FindingsSerializer(serializers.Serializer):
    findings = FindingSerializer(many=True)


class DesignFindingsSerializer(FindingsSerializer):
    version = serializers.IntegerField()


class BatchSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="the version this batch produced")
    ops = serializers.ListField(child=serializers.JSONField())
    client_op_id = serializers.CharField(
        allow_blank=True, help_text="the id its author gave it; empty unless you are that author (ids are per author)"
    )
    author = serializers.CharField(allow_blank=True)


class OpsSinceSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="the design's current version")
    batches = BatchSerializer(many=True)


class OpsResultSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    applied = serializers.ListField(child=serializers.BooleanField(), help_text="per op: did it change anything")
    duplicate = serializers.BooleanField(help_text="this client_op_id was applied before; nothing was applied again")


class SinceSerializer(serializers.Serializer):
    since = serializers.IntegerField(min_value=0, default=0, help_text="return batches after this version")
