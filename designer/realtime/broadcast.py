"""Fan-out of committed operations to everyone in a design's room (a hint: clients resync on gaps)."""
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def design_group(design_id: int) -> str:
    return f"design.{design_id}"


def broadcast_operations(design_id: int, version: int, ops: list, *, author: str = "", client_op_id: str = "") -> None:
    """Tell the room that `ops` produced `version`. Called only after the transaction commits."""
    layer = get_channel_layer()
    if layer is None:
        return
    async_to_sync(layer.group_send)(
        design_group(design_id),
        {"type": "design.ops", "version": version, "ops": ops, "author": author, "client_op_id": client_op_id},
    )
