"""CLI: validate_design exit codes and messages; import_design stores a document."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from designer.models import Design

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "video_recs.json"


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True, input=stdin, timeout=120
    )


def test_invalid_file_exits_2_with_path_qualified_messages(tmp_path):
    doc = json.loads(FIXTURE.read_text())
    doc["nodes"][1]["kind"] = "kafak"
    doc["edges"][0]["target"] = "rnaker"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    result = run("validate_design", str(bad))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{bad}: not a valid mlsd-design/1 document (2 problem(s)):",
        '  nodes[1].kind: unknown kind "kafak" (did you mean "kafka"?)',
        '  edges[0].target: no node "rnaker" (did you mean "ranker"?)',
    ]


def test_not_json_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    result = run("validate_design", str(bad))
    assert result.returncode == 2
    assert "$: not valid JSON" in result.stderr


def test_missing_file_exits_2():
    result = run("validate_design", "/nonexistent/design.json")
    assert result.returncode == 2
    assert result.stderr.strip() == "/nonexistent/design.json: cannot read: No such file or directory"


def test_json_output_shape():
    result = run("validate_design", str(FIXTURE), "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert all(set(f) >= {"rule", "severity", "message", "fix", "nodes", "edges"} for f in findings)
    assert result.returncode == (1 if any(f["severity"] == "error" for f in findings) else 0)


@pytest.mark.django_db
def test_import_design_stores_the_document(user, capsys):
    from django.core.management import call_command

    call_command("import_design", str(FIXTURE), "--owner", "ada")
    design = Design.objects.get(owner=user)
    assert design.document == json.loads(FIXTURE.read_text())
    assert capsys.readouterr().out.strip() == f"Imported “Video recommendations” as design {design.pk} (owner ada)."


@pytest.mark.django_db
def test_import_design_unknown_owner():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match='no account named "nobody"'):
        call_command("import_design", str(FIXTURE), "--owner", "nobody")


def test_sqlite_database_file_runs_in_wal_mode(tmp_path):
    db = tmp_path / "wal.sqlite3"
    code = "from django.db import connection; c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{db}"},
    )
    assert result.stdout.strip() == "wal", result.stderr
