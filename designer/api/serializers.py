"""Serializers: the envelope around a design document (the document itself is checked by designer.document)."""

from rest_framework import serializers

from designer.models import Design


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

    document = serializers.JSONField()
    version = serializers.IntegerField(min_value=1, required=False, help_text="the version this write is based on")


class DesignCreateSerializer(serializers.Serializer):
    document = serializers.JSONField(required=False)
    title = serializers.CharField(max_length=200, required=False)


class OpsSerializer(serializers.Serializer):
    ops = serializers.ListField(child=serializers.JSONField(), max_length=500)
    client_op_id = serializers.RegexField(r"^[A-Za-z0-9_.:-]{1,64}$", required=False, allow_blank=True)


class ProblemSerializer(serializers.Serializer):
    path = serializers.CharField()
    message = serializers.CharField()
