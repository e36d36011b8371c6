"""client_op_ids become unique per author (Access.author_key), not per design: a collaborator who sends
another's next id no longer has their batch taken for that one (issue 14). Logged batches of accounts
get their author's key, so a retry that crosses the upgrade still applies once; guests' earlier
batches keep an empty key (their browsers had no id of their own yet)."""

from django.db import migrations, models
from django.db.models.functions import Cast, Concat


def accounts_author_keys(apps, schema_editor):
    Operation = apps.get_model("designer", "Operation")
    Operation.objects.filter(user__isnull=False).exclude(client_op_id="").update(
        author_key=Concat(models.Value("user:"), Cast("user_id", models.CharField()))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("designer", "0002_document_field"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="operation",
            name="operation_unique_client_op",
        ),
        migrations.AddField(
            model_name="operation",
            name="author_key",
            field=models.CharField(
                blank=True,
                default="",
                help_text="who wrote it (Access.author_key): client_op_ids are unique per author, not per design",
                max_length=100,
            ),
        ),
        migrations.RunPython(accounts_author_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="operation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("client_op_id", ""), _negated=True),
                fields=("design", "author_key", "client_op_id"),
                name="operation_unique_client_op_per_author",
            ),
        ),
    ]
