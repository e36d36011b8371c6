"""Issue 14.3: DATABASE_URL=sqlite://… keeps SQLite's concurrency settings, so concurrent writers wait instead of failing."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITERS, WRITES = 16, 10

# Each thread is a writer with its own connection: a read, then a write, in one transaction each
# (what PUT /api/designs/{id}/ does). Without IMMEDIATE transactions and the timeout, about a quarter
# of such writes failed with "database is locked".
SCRIPT = f"""
import json, os, threading
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "designer.settings"
django.setup()
from django.core.management import call_command
from django.contrib.auth import get_user_model
from django.db import connection
from designer import services
call_command("migrate", verbosity=0)
owner = get_user_model().objects.create_user("ada")
design = services.design_create(owner=owner)
failures = []
def writer(n):
    try:
        for i in range({WRITES}):
            try:
                services.design_apply_ops(design_id=design.pk, ops=[{{"op": "title.set", "title": f"w{{n}}-{{i}}"}}])
            except Exception as exc:
                failures.append(str(exc))
    finally:
        connection.close()
threads = [threading.Thread(target=writer, args=(n,)) for n in range({WRITERS})]
for t in threads: t.start()
for t in threads: t.join()
design.refresh_from_db()
print(json.dumps({{"version": design.version, "failures": failures[:3], "failed": len(failures)}}))
"""


def test_concurrent_writers_on_a_sqlite_url_all_succeed(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'url.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "version": 1 + WRITERS * WRITES,
        "failures": [],
        "failed": 0,
    }
