"""How to use the videos, captions and stills in four slide programs: written once, shown as a
table on the lecturers' page (`<!-- slide-programs -->`) and as text in the lecture kit's README.

Only what a source we could check says; where we found none, the entry says so.
"""

from __future__ import annotations

from typing import NamedTuple

MARKER = "<!-- slide-programs -->"


class Program(NamedTuple):
    name: str
    video: str  # how to put the MP4 on a slide
    captions: str  # which caption file it loads, if any
    source: str  # Markdown: where that comes from
    source_text: str  # the same, as plain text


PROGRAMS = (
    Program(
        "PowerPoint (Microsoft 365, Windows)",
        "Insert → Video → This Device, choose the MP4.",
        "WebVTT: select the video, then Playback → Insert Captions → From File, choose the .vtt.",
        "an accessibility course, [“Multimedia: Captions & Subtitles”]"
        "(https://graphicidentity.github.io/ocs/learning/document-accessibility-course/module3/"
        "multimedia-captions-subtitles.html); Aspose's PowerPoint API, whose [captions collection]"
        "(https://reference.aspose.com/slides/net/aspose.slides/captionscollection/add) takes WebVTT",
        "https://graphicidentity.github.io/ocs/learning/document-accessibility-course/module3/"
        "multimedia-captions-subtitles.html",
    ),
    Program(
        "Keynote",
        "Drag the MP4 onto a slide.",
        "No caption file that we could find documented: paste the beat stills on slides of their "
        "own, or present from the site.",
        "we found no Apple page on caption files for inserted movies",
        "none found",
    ),
    Program(
        "Google Slides",
        "Upload the MP4 to Google Drive, then Insert → Video → Google Drive.",
        "No caption file that we could find documented for an inserted video: use the beat stills "
        "or present from the site.",
        "Google's pages we found describe live captions of the presenter's speech, not caption "
        "files for a video",
        "none found",
    ),
    Program(
        "LaTeX Beamer",
        "The beat stills are the sure way: one `\\includegraphics` per overlay (`\\only<k>`), so "
        "each click shows the next beat's last frame. To play the MP4 itself in the PDF Presenter "
        "Console (pdfpc), the package pdfpc-movie (in TeX Live) gives `\\pdfpcmovie`.",
        "None: PDF viewers show no caption tracks. Put the caption's sentence on the slide.",
        "[pdfpc-movie on CTAN](https://www.ctan.org/pkg/pdfpc-movie)",
        "https://www.ctan.org/pkg/pdfpc-movie",
    ),
)


def markdown_table() -> str:
    rows = [
        "| program | the video | its captions | source |",
        "| :-- | :-- | :-- | :-- |",
    ]
    for p in PROGRAMS:
        cells = (p.name, p.video, p.captions, p.source)
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows)


def readme_text() -> list[str]:
    lines = ["Using them in slide programs (as far as we could check; source in brackets):", ""]
    for p in PROGRAMS:
        lines += [f"  {p.name}", f"    Video: {p.video}", f"    Captions: {p.captions}"]
        lines += [f"    [{p.source_text}]", ""]
    lines += [
        "Or present from the site itself: every video has a Lecture mode button. It plays full "
        "screen and stops on the last frame of each captioned beat; Space, the right arrow or "
        "PageDown (what presenter clickers send) go on, the left arrow or PageUp go back, "
        "Escape leaves.",
        "",
    ]
    return lines
