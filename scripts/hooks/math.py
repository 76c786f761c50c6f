"""MkDocs hook: typeset every formula with KaTeX at build time.

pymdownx.arithmatex (generic mode) leaves `\\(...\\)` and `\\[...\\]` in spans and divs; this hook
replaces them with KaTeX's HTML (plus MathML for screen readers) through one Node process per
build, and serves KaTeX's stylesheet and woff2 fonts from the site itself. The reader's browser
runs no math script and asks no other host for anything.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
SERVER = ROOT / "scripts" / "katex_server.js"
CSS_URL = "assets/katex/katex.min.css"
MATH = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)

_server: subprocess.Popen | None = None
_cache: dict[tuple[str, bool], str] = {}


def _require_katex() -> None:
    if shutil.which("node") is None:
        raise PluginError(
            "node is not installed: the math is typeset at build time with KaTeX. "
            "Run `make` (it installs nodejs) or `apt-get install nodejs npm`."
        )
    if not (KATEX_DIST / "katex.min.css").exists():
        raise PluginError(
            f"KaTeX is missing from {KATEX_DIST.parent}: run `make` "
            "(or `npm ci` in the repository root)."
        )


def on_config(config):
    _require_katex()
    if CSS_URL not in config.extra_css:
        config.extra_css.insert(0, CSS_URL)
    return config


def _trimmed_css() -> str:
    """KaTeX's stylesheet with only the woff2 fonts (every current browser reads woff2)."""
    css = (KATEX_DIST / "katex.min.css").read_text()
    return re.sub(r',url\(fonts/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)', "", css)


def on_files(files, config):
    files.append(File.generated(config, CSS_URL, content=_trimmed_css()))
    for font in sorted((KATEX_DIST / "fonts").glob("*.woff2")):
        files.append(
            File.generated(config, f"assets/katex/fonts/{font.name}", abs_src_path=str(font))
        )
    return files


def _typeset(tex: str, display: bool, where: str) -> str:
    global _server
    key = (tex, display)
    if key not in _cache:
        if _server is None or _server.poll() is not None:
            _server = subprocess.Popen(
                ["node", str(SERVER)],
                cwd=ROOT,
                text=True,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        _server.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        _server.stdin.flush()
        reply = json.loads(_server.stdout.readline())
        if "error" in reply:
            raise PluginError(f"{where}: KaTeX cannot typeset {tex!r}: {reply['error']}")
        _cache[key] = reply["html"]
    return _cache[key]


def on_post_page(output, page, config):
    def replace(match):
        tag, body = match.group(1), html.unescape(match.group(2)).strip()
        display = tag == "div"
        for opener, closer in (("\\(", "\\)"), ("\\[", "\\]"), ("$$", "$$"), ("$", "$")):
            if body.startswith(opener) and body.endswith(closer):
                body = body[len(opener) : len(body) - len(closer)]
                break
        rendered = _typeset(body.strip(), display, page.file.src_uri)
        return f'<div class="math-display">{rendered}</div>' if display else rendered

    return MATH.sub(replace, output)


def on_shutdown():
    global _server
    if _server is not None:
        _server.stdin.close()
        _server.wait(timeout=10)
        _server = None
