"""A JSON parser with documented limits: size and nesting give a 4xx, never a RecursionError 500."""

from django.conf import settings
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

from designer.document import InvalidDocument, loads


class PayloadTooLarge(APIException):
    status_code = 413
    default_code = "payload_too_large"

    def __init__(self):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        super().__init__(f"Request body is larger than {limit} bytes; a design document may be at most 5 MiB.")


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise PayloadTooLarge()
        try:
            return loads(raw) if raw else {}
        except InvalidDocument as exc:
            raise ParseError(
                {"problems": [p.as_dict() for p in exc.problems], "detail": str(exc.problems[0])}
            ) from None
