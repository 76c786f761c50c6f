"""MkDocs hook: the palette of scenes/style.py as CSS custom properties, for the site's CSS.

The site serves assets/palette.css, generated at build time from style.css_properties(), so a
colour changed in style.py changes the videos, the figures and the pages alike
(docs/assets/site.css uses var(--palette-...)). Nothing generated is committed under docs/.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

PATH = "assets/palette.css"


def palette_css(style_file: Path) -> str:
    """The CSS from the project's style.py, loaded by path: no scene, no manim imported."""
    if not style_file.is_file():
        raise PluginError(f"{style_file} is missing: the palette hook reads its colours there.")
    spec = importlib.util.spec_from_file_location("palette_source", style_file)
    style = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(style)
    return "/* Generated from scenes/style.py at build time: edit the colours there. */\n" + (
        style.css_properties()
    )


def on_config(config):
    if PATH not in config.extra_css:
        config.extra_css.insert(0, PATH)  # first: site.css uses what it declares
    return config


def on_files(files, config):
    style_file = Path(config.config_file_path).parent / "scenes" / "style.py"
    files.append(File.generated(config, PATH, content=palette_css(style_file)))
    return files
