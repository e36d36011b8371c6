"""import_design FILE --owner USERNAME: store a design document for an account."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from designer.document import InvalidDocument, loads
from designer.management.documents import refuse
from designer.services import design_create


class Command(BaseCommand):
    help = "Store an mlsd-design/1 JSON document as a new design owned by USERNAME."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--owner", required=True, help="username of the account that will own the design")

    def handle(self, *args, **options):
        User = get_user_model()
        try:
            owner = User.objects.get(username=options["owner"])
        except User.DoesNotExist:
            raise CommandError(f'no account named "{options["owner"]}"') from None
        try:
            raw = Path(options["file"]).read_bytes()
        except OSError as exc:
            raise CommandError(f"{options['file']}: cannot read: {exc.strerror}") from None
        try:
            design = design_create(owner=owner, document=loads(raw))
        except InvalidDocument as exc:
            refuse(self, options["file"], "not a valid mlsd-design/1 document", exc.problems)
        self.stdout.write(f"Imported “{design.title}” as design {design.pk} (owner {owner.get_username()}).")
