"""MkDocs hook: how to credit and cite the work, from CITATION.cff and the content itself.

CITATION.cff at the repository root gives the title, the authors and the licences. The build adds
  - the version: a digest of the pages and of the code that draws every figure and video
    (docs/ and scenes/), so it changes whenever the content does and only then;
  - the year, from SOURCE_DATE_EPOCH (the last commit's time, set by the build);
  - the site's address (SITE_URL) and the source repository's (SOURCE_URL), only when the
    publishing build sets them: no address is ever guessed, so an unset one is left out.

Pages ask for the credit box with `<!-- cite-this -->` and for the source link with
`<!-- source-link -->` on a line of their own; the lecture kit (media.py) reads
config.extra["citation"]: credit, bibtex and cff (the root CITATION.cff with the version added).
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

CITE_THIS = "<!-- cite-this -->"
SOURCE_LINK = "<!-- source-link -->"
CONTENT_FOLDERS = ("docs", "scenes")
LICENCE_NAMES = {"CC-BY-4.0": "CC BY 4.0", "MIT": "MIT"}


def content_version(project: Path) -> str:
    """Ten hex digits of a digest over every file of docs/ and scenes/, by relative path."""
    h = hashlib.sha256()
    for folder in CONTENT_FOLDERS:
        for path in sorted((project / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(project).as_posix().encode() + b"\0")
                h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:10]


def _address(variable: str) -> str | None:
    value = os.environ.get(variable, "").strip()
    return value or None


def citation(project: Path) -> dict:
    """Title, authors, licences, version, year, addresses, and the credit line and BibTeX."""
    cff_path = project / "CITATION.cff"
    try:
        cff = yaml.safe_load(cff_path.read_text(encoding="utf-8"))
        title = cff["title"]
        authors = [
            a.get("name") or f"{a['given-names']} {a['family-names']}" for a in cff["authors"]
        ]
        licences = [LICENCE_NAMES.get(name, name) for name in cff["license"]]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as e:
        raise PluginError(
            f"{cff_path}: cannot read the title, authors and license "
            f"({type(e).__name__}: {e}); see https://citation-file-format.github.io"
        ) from e
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))
    info = dict(
        title=title,
        authors=authors,
        licences=licences,
        version=content_version(project),
        year=time.gmtime(epoch).tm_year,
        url=_address("SITE_URL"),
        source=_address("SOURCE_URL"),
    )
    info["credit"] = credit_line(info)
    info["bibtex"] = bibtex(info)
    info["cff"] = cff_with_version(project, info)
    return info


def credit_line(info: dict) -> str:
    where = f", {info['url']}" if info["url"] else ""
    return (
        f'{" and ".join(info["authors"])}, "{info["title"]}", version {info["version"]} '
        f"({info['year']}){where}. Licence: {info['licences'][0]}."
    )


def bibtex(info: dict) -> str:
    key = "activation_functions_animated_" + str(info["year"])
    fields = [
        ("author", "{" + " and ".join(info["authors"]) + "}"),
        ("title", info["title"]),
        ("year", str(info["year"])),
        ("version", info["version"]),
        ("note", f"Text, figures and videos under {info['licences'][0]}"),
    ]
    if info["url"]:
        fields.append(("howpublished", rf"\url{{{info['url']}}}"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"


def cff_with_version(project: Path, info: dict) -> str:
    """CITATION.cff as shipped in the lecture kit: the root file plus this build's version."""
    text = (project / "CITATION.cff").read_text(encoding="utf-8")
    extra = f'version: "{info["version"]}"\n'
    if info["url"]:
        extra += f'url: "{info["url"]}"\n'
    if info["source"]:
        extra += f'repository-code: "{info["source"]}"\n'
    return text.rstrip("\n") + "\n" + extra


def cite_box(info: dict) -> str:
    return "\n".join(
        [
            "Paste this under a video or a figure you use:",
            "",
            "> " + info["credit"],
            "",
            "Or cite it in LaTeX:",
            "",
            "```text",
            info["bibtex"],
            "```",
            "",
            f"The version, {info['version']}, is a digest of the text and of the code that draws "
            "the figures and videos: it changes whenever any of them does.",
        ]
    )


def source_link(info: dict) -> str:
    if not info["source"]:
        return ""
    return (
        f"The source code (MIT) is at [{info['source']}]({info['source']}): every page, "
        "scene and figure, and the tests that check every number."
    )


def on_config(config):
    config.extra["citation"] = citation(Path(config.config_file_path).parent)
    return config


def on_page_markdown(markdown, page, config, files):
    info = config.extra["citation"]
    out = []
    for line in markdown.split("\n"):
        if line.strip() == CITE_THIS:
            out.append(cite_box(info))
        elif line.strip() == SOURCE_LINK:
            out.append(source_link(info))
        else:
            out.append(line)
    return "\n".join(out)
