"""Render part of a real scene and print each frame's digest, with manim's Cairo path or ours.

    python tests/cairo_frames.py MODULE SCENE WIDTH HEIGHT FPS UPTO manim|ours

Prints one JSON object: the sha256 of every frame manim hands to the encoder (with its repeat
count), the frames' count, and the CPU seconds construct() and drawing took. A process of its
own per render: manim's config is global.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scenes")]


def main(argv: list[str]) -> None:
    module, scene, path = Path(argv[0]).resolve(), argv[1], argv[6]
    width, height, fps, upto = int(argv[2]), int(argv[3]), float(argv[4]), int(argv[5])
    from manim import config
    from manim.renderer.cairo_renderer import CairoRenderer

    from scripts import cairo_path

    if path == "ours":
        assert cairo_path.install(), "the cheaper Cairo path does not apply to this manim"
    config.pixel_width, config.pixel_height, config.frame_rate = width, height, fps
    config.disable_caching, config.progress_bar, config.verbosity = True, "none", "WARNING"
    config.media_dir = tempfile.mkdtemp()
    if upto:
        config.upto_animation_number = upto
    digests = []

    manims_add_frame = CairoRenderer.add_frame

    def add_frame(self, frame, num_frames: int = 1) -> None:
        if not self.skip_animations:
            digests.append([hashlib.sha256(frame.tobytes()).hexdigest(), num_frames])
        manims_add_frame(self, frame, num_frames)

    CairoRenderer.add_frame = add_frame
    sys.path.insert(0, str(module.parent))
    spec = importlib.util.spec_from_file_location(module.stem, module)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[module.stem] = mod
    spec.loader.exec_module(mod)
    started = time.process_time()
    getattr(mod, scene)().render()
    cpu = time.process_time() - started
    print(json.dumps({"frames": len(digests), "digests": digests, "cpu_s": round(cpu, 3)}))


if __name__ == "__main__":
    main(sys.argv[1:])
