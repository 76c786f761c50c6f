"""Put the current renders where MkDocs picks them up, touching only what changed."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b) or filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


def place(entries: dict[str, Path], dest: Path) -> int:
    """Make `dest` hold exactly `entries` (relative name -> source file); return files written.

    Unchanged files keep their inode and mtime; each changed one is replaced atomically.
    """
    dest.mkdir(parents=True, exist_ok=True)
    written = 0
    for name, src in sorted(entries.items()):
        target = dest / name
        if target.exists() and _same(src, target):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp{os.getpid()}")
        tmp.unlink(missing_ok=True)
        try:
            os.link(src, tmp)  # cache entries never change, so a hard link is a safe copy
        except OSError:
            tmp.write_bytes(src.read_bytes())
        os.replace(tmp, target)
        written += 1
    for existing in sorted(dest.rglob("*"), reverse=True):
        rel = existing.relative_to(dest).as_posix()
        if existing.is_file() and rel not in entries:
            existing.unlink()
            written += 1
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return written


def write_if_changed(path: Path, text: str) -> bool:
    """Write text atomically unless the file already says exactly that."""
    if path.exists() and path.read_text() == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_text(text)
    os.replace(tmp, path)
    return True
