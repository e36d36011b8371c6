"""Error responses: one shape for every refused request, and no 500 for foreign input."""

from django.core.exceptions import RequestDataTooBig
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from designer import offload
from designer.document import InvalidDocument
from designer.ops import OpError
from designer.services import VersionConflict
from designer.sharing.authentication import LINK_REFUSALS, Gone
from designer.sharing.comments import CommentInputError
from designer.sharing.services import LinkClosed, NotAllowed

from .heavy import Busy
from .parsers import PayloadTooLarge


def problems_response(problems, status_code=status.HTTP_400_BAD_REQUEST, detail="The design document is not valid."):
    return Response(
        {"detail": detail, "problems": [p.as_dict() for p in problems]},
        status=status_code,
    )


def exception_handler(exc, context):
    if isinstance(exc, InvalidDocument):
        return problems_response(exc.problems)
    if isinstance(exc, OpError):
        return problems_response(exc.problems, detail="The operations cannot be applied.")
    if isinstance(exc, VersionConflict):
        design = exc.design
        return Response(
            {
                "detail": f"This design was saved elsewhere: the server has version {design.version}.",
                "version": design.version,
                "document": design.document,
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, LinkClosed):
        # The link closed between the request's check and its write's transaction.
        return drf_exception_handler(Gone(LINK_REFUSALS[exc.status]), context)
    if isinstance(exc, NotAllowed):
        return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, CommentInputError):
        return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, offload.Busy):
        return drf_exception_handler(
            Busy(
                "The server is busy with other large requests; try again in a few seconds.",
                retry_after=max(1, round(exc.waited_s)),
            ),
            context,
        )
    if isinstance(exc, offload.TooSlow):
        return Response(
            {
                "detail": f"This design took longer than {exc.limit_s:g} s to process and was stopped; "
                "split it into smaller designs or remove what it does not need."
            },
            status=status.HTTP_422_UNPROCESSABLE_ENTITY,
        )
    if isinstance(exc, offload.WorkerLost):
        return Response(
            {"detail": "The worker processing this request stopped; try again."},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
    if isinstance(exc, RequestDataTooBig):
        return drf_exception_handler(PayloadTooLarge(), context)
    return drf_exception_handler(exc, context)
