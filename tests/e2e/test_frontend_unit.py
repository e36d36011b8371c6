"""Runs the editor's Vitest suite (store, ops, copy/paste) so `make test` covers the TypeScript units too."""

import shutil
import subprocess
from pathlib import Path

FRONTEND = Path(__file__).resolve().parents[2] / "designer" / "frontend"


def test_vitest_suite_passes():
    npm = shutil.which("npm")
    assert npm, "npm is required to run the editor's unit tests"
    assert (FRONTEND / "node_modules").is_dir(), "run `make build` (npm ci) first"
    result = subprocess.run([npm, "test", "--silent"], cwd=FRONTEND, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
