"""MkDocs hook: the palette of scenes/style.py as CSS custom properties, for the site's CSS.

The site serves assets/palette.css, generated at build time from style.css_properties(), so a
colour changed in style.py changes the videos, the figures and the pages alike
(docs/assets/site.css uses var(--palette-...)). Nothing generated is committed under docs/.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

PATH = "assets/palette.css"


def load_style(style_file: Path, palette: str):
    """The project's style.py in one palette, loaded by path: no scene, no manim imported."""
    if not style_file.is_file():
        raise PluginError(f"{style_file} is missing: the palette hook reads its colours there.")
    previous = os.environ.get("ACTIVATION_PALETTE")
    os.environ["ACTIVATION_PALETTE"] = palette
    try:
        spec = importlib.util.spec_from_file_location(f"palette_{palette}", style_file)
        style = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(style)
    finally:
        if previous is None:
            del os.environ["ACTIVATION_PALETTE"]
        else:
            os.environ["ACTIVATION_PALETTE"] = previous
    return style


def palette_css(style_file: Path) -> str:
    """Each of Material's schemes gets its palette (slate: dark, default: light; print: light);
    each video variant's frame has the background it is drawn on."""
    dark, light = load_style(style_file, "dark"), load_style(style_file, "light")
    return (
        "/* Generated from scenes/style.py at build time: edit the colours there. */\n"
        + dark.css_properties(':root, [data-md-color-scheme="slate"]')
        + light.css_properties('[data-md-color-scheme="default"]')
        + "@media print {\n"
        + light.css_properties(":root, [data-md-color-scheme]")
        + "}\n"
        + f":root {{\n  --palette-video-background: {dark.BACKGROUND.lower()};\n"
        + f"  --palette-video-text: {dark.TEXT.lower()};\n"
        + f"  --palette-video-background-light: {light.BACKGROUND.lower()};\n"
        + f"  --palette-video-text-light: {light.TEXT.lower()};\n}}\n"
    )


def on_config(config):
    if PATH not in config.extra_css:
        config.extra_css.insert(0, PATH)  # first: site.css uses what it declares
    return config


def on_files(files, config):
    style_file = Path(config.config_file_path).parent / "scenes" / "style.py"
    files.append(File.generated(config, PATH, content=palette_css(style_file)))
    return files
