"""Serializers: the envelope around a design document (the document itself is checked by designer.document)."""

from rest_framework import serializers

from designer import limits
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
    document = DocumentField(required=False)
    title = serializers.CharField(max_length=limits.LABEL_CHARS, required=False)


class OpsSerializer(serializers.Serializer):
    # Each op's exact shape is checked by designer/ops.py, which names the path of every problem.
    ops = serializers.ListField(child=DocumentField(), max_length=limits.OPS_PER_BATCH)
    client_op_id = serializers.RegexField(limits.ID_PATTERN, required=False, allow_blank=True)


class ProblemSerializer(serializers.Serializer):
    path = serializers.CharField()
    message = serializers.CharField()
