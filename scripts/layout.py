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
    """The folders of one project's build at one quality (make one with `Layout.of`)."""

    project: Path
    quality: str
    scene_dir: Path  # the scene modules, figures.py and style.py
    cache_dir: Path  # the render cache, shared by every quality: keys cover the settings
    build_dir: Path  # everything else the build writes, none of it published as is
    tmp_dir: Path  # work folders of running builds (a killed build's are cleaned up)
    media_dir: Path  # the current media (videos/, figures/), laid out as the site serves them
    media_index: Path  # what the media are: each scene's facts and captions, beside them

    @classmethod
    def of(cls, project: Path, quality: str) -> Layout:
        if quality not in QUALITIES:
            raise ValueError(
                f"{QUALITY_VARIABLE}={quality!r}: the quality is one of {', '.join(QUALITIES)}"
            )
        build = project / "build"
        return cls(
            project,
            quality,
            scene_dir=project / "scenes",
            cache_dir=project / ".cache",
            build_dir=build,
            tmp_dir=build / "tmp",
            media_dir=build / f"media-{quality}",
            media_index=build / f"media-{quality}.json",
        )

    @classmethod
    def from_environment(cls, project: Path) -> Layout:
        """The layout MkDocs was started for: the build sets the quality, `publish` otherwise."""
        return cls.of(Path(project).resolve(), os.environ.get(QUALITY_VARIABLE, "publish"))

    def environment(self) -> dict[str, str]:
        """What a MkDocs process needs to find this layout with `from_environment`."""
        return {QUALITY_VARIABLE: self.quality}

    def stamp(self, site_dir: Path) -> Path:
        """The digest of the inputs a site was last built from."""
        site_dir = site_dir.resolve()
        if site_dir.is_relative_to(self.project):
            name = site_dir.relative_to(self.project).as_posix().replace("/", "--")
        else:  # a name that survives moving the whole project folder
            name = hashlib.sha256(str(site_dir).encode()).hexdigest()[:16]
        return self.build_dir / "stamps" / f"{name}.txt"
