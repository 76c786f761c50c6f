"""How a render worker tells the build what failed: the exception, and the line of the project's
own code where it was raised. Scenes and figures fail the same way, with the same message."""

from __future__ import annotations

import json
import subprocess
import traceback
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Failure:
    module: Path  # the source file that defines what failed
    name: str  # the scene's class, or "figure 'name'"
    exception: str  # "ZeroDivisionError: division by zero"
    where: str  # "file:line in function: code", inside the project
    detail: str  # the traceback's end


class WorkerFailed(Exception):
    """A worker's failure, raised where a single failure stops what follows."""

    def __init__(self, failure: Failure):
        super().__init__(failure.exception)
        self.failure = failure


def innermost_line(exc: BaseException, folder: Path) -> str | None:
    """The innermost traceback line inside `folder`, as 'file:line in func: code'."""
    best = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if Path(frame.filename).resolve().is_relative_to(folder):
            best = frame
    return best and f"{best.filename}:{best.lineno} in {best.name}: {best.line}"


def write_failure(result: Path, exc: BaseException, module: Path, name: str) -> None:
    result.write_text(
        json.dumps(
            {
                "ok": False,
                "name": name,
                "exception": f"{type(exc).__name__}: {exc}",
                "where": innermost_line(exc, module.parent) or str(module),
                "traceback": "".join(traceback.format_exception(exc))[-4000:],
            }
        )
    )


def write_success(result: Path) -> None:
    result.write_text(json.dumps({"ok": True}))


def read_result(result: Path, proc: subprocess.CompletedProcess, module: Path, name: str):
    """The worker's Failure, or None when it succeeded; a worker that died without a word
    (killed, out of memory) is a failure too, with the end of its output."""
    report = json.loads(result.read_text()) if result.exists() else None
    if proc.returncode == 0 and report and report["ok"]:
        return None
    if report and not report["ok"]:
        return Failure(
            module, report["name"], report["exception"], report["where"], report["traceback"]
        )
    tail = "\n".join((proc.stderr or proc.stdout or "").strip().splitlines()[-15:])
    return Failure(
        module, name, f"the worker process exited with {proc.returncode}", str(module), tail
    )
