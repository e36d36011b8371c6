"""Migrations that move data, run forward on a database holding the rows they move (SQLite here,
PostgreSQL in CI's second run)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("designer", "0002_document_field")]
AFTER = [("designer", "0003_operation_author_key")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_client_op_ids_become_unique_per_author_and_accounts_keep_their_batches(user):
    apps = migrate(BEFORE)
    Design = apps.get_model("designer", "Design")
    Operation = apps.get_model("designer", "Operation")
    design = Design.objects.create(owner_id=user.pk, title="t", document={}, version=3)
    Operation.objects.create(design=design, version=1, ops=[], client_op_id="", user_id=user.pk)
    Operation.objects.create(design=design, version=2, ops=[], client_op_id="o-1", user_id=user.pk)
    Operation.objects.create(design=design, version=3, ops=[], client_op_id="g-1", author="Grace (guest)")

    apps = migrate(AFTER)
    Operation = apps.get_model("designer", "Operation")
    rows = Operation.objects.filter(design_id=design.pk).order_by("version")
    # An account's retry that crosses the upgrade is still found; guests had no id of their own before.
    assert list(rows.values_list("version", "author_key")) == [(1, ""), (2, f"user:{user.pk}"), (3, "")]
    # Another author may now use the same id on the same design.
    Operation.objects.create(design_id=design.pk, version=4, ops=[], client_op_id="o-1", author_key="guest:1:abc")
    assert Operation.objects.filter(design_id=design.pk, client_op_id="o-1").count() == 2
