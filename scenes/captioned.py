"""The rhythm every scene shares: a beat is an animation, a hold, and the caption that tells it.

Captions become the video's WebVTT track and the page's transcript, so every beat has one.
"""

from __future__ import annotations

from manim import Transform

import style

# Captions end this much before the next beat, so that frame rounding never makes two overlap.
CAPTION_GAP = 0.1


class CaptionedBeats:
    """A mixin for manim scenes: `class MyScene(CaptionedBeats, Scene)`."""

    def setup(self):
        super().setup()
        self.camera.background_color = style.BACKGROUND

    def beat(
        self,
        *animations,
        caption: str | None,
        run_time: float = 2.0,
        hold: float = 1.0,
        caption_for: float | None = None,
    ):
        """One animation and the hold after it, with its caption on screen for `caption_for`
        seconds (default: the animation and the hold). caption=None continues the last one."""
        duration = (caption_for or run_time + hold) - CAPTION_GAP
        self.play(
            *animations,
            run_time=run_time,
            subcaption=caption,
            subcaption_duration=duration if caption else None,
        )
        if hold:
            self.wait(hold)

    def retitle(self, new, *animations, **beat):
        """A beat that morphs the heading `self.title` into `new` (`animations` beside it), then
        puts `new` itself on screen: Transform pads the smaller of two headings with copies of
        its glyphs, and a padded heading would carry (and redraw in every moving frame) the
        glyphs of the longest heading before it."""
        self.beat(Transform(self.title, new), *animations, **beat)
        self.title = self.swap(self.title, new)

    def swap(self, shown, still):
        """Put `still` on screen in place of `shown`, and return it: once an animation has
        drawn something, its still form (a Transform's clean target, pieces merged into fewer
        VMobjects) looks the same and costs less in every later moving frame."""
        self.remove(shown)
        self.add(still)
        return still

    def say(self, caption: str, duration: float):
        """A caption over a still frame."""
        self.add_subcaption(caption, duration=duration - CAPTION_GAP)
        self.wait(duration)
