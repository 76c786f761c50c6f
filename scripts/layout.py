"""Where a project's build keeps things, at one quality: the one place that says so.

The build (scripts/build.py) writes media to these folders and the MkDocs hooks
(scripts/hooks/) read them back; the hooks import this module, never the build. MkDocs runs in
a process of its own, so the quality reaches it as one environment variable, checked here.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

# Frame width, height and rate of each quality.
QUALITIES = {
    "publish": (1920, 1080, 60),
    "preview": (854, 480, 15),
}
QUALITY_VARIABLE = "ACTIVATIONS_QUALITY"


@dataclass(frozen=True)
class Layout:
    project: Path
    quality: str

    def __post_init__(self):
        if self.quality not in QUALITIES:
            raise ValueError(
                f"{QUALITY_VARIABLE}={self.quality!r}: the quality is one of {', '.join(QUALITIES)}"
            )

    @classmethod
    def from_environment(cls, project: Path) -> Layout:
        """The layout MkDocs was started for: the build sets the quality, `publish` otherwise."""
        return cls(Path(project).resolve(), os.environ.get(QUALITY_VARIABLE, "publish"))

    def environment(self) -> dict[str, str]:
        """What a MkDocs process needs to find this layout with `from_environment`."""
        return {QUALITY_VARIABLE: self.quality}

    @property
    def scene_dir(self) -> Path:
        return self.project / "scenes"

    @property
    def cache_dir(self) -> Path:
        """Render cache, shared by every quality: entries are keyed by their settings."""
        return self.project / ".cache"

    @property
    def build_dir(self) -> Path:
        return self.project / "build"

    @property
    def tmp_dir(self) -> Path:
        return self.build_dir / "tmp"

    @property
    def media_dir(self) -> Path:
        """The current media (videos/, figures/), laid out as the site serves them."""
        return self.build_dir / f"media-{self.quality}"

    @property
    def media_index(self) -> Path:
        """What the media are: each scene's facts and captions (JSON), beside the media."""
        return self.build_dir / f"media-{self.quality}.json"

    def stamp(self, site_dir: Path) -> Path:
        """The digest of the inputs a site was last built from."""
        site_dir = site_dir.resolve()
        if site_dir.is_relative_to(self.project):
            name = site_dir.relative_to(self.project).as_posix().replace("/", "--")
        else:  # a name that survives moving the whole project folder
            name = hashlib.sha256(str(site_dir).encode()).hexdigest()[:16]
        return self.build_dir / "stamps" / f"{name}.txt"
