"""Dying ReLU, watched: one real training run at too large a learning rate, unit by unit.

The network of the dying-ReLU page (two hidden layers of 32 units, the moons, SGD) trained at
rectifiers.SHOWN_LR from the representative seed, twice: with ReLU and with leaky ReLU, the same
initial weights and mini-batches. Each unit is a square: lit while it is active on some example,
dark when it is dead (zero gradient on every example), dim when a leaky unit is asleep (negative
on every example, but still getting a gradient). Every mask comes from rectifiers.timeline; the
counts on screen from the functions below, which tests/test_scene_dying_relu.py checks.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from manim import DOWN, UP, FadeIn, Mobject, Scene, Square, Transform, VGroup, VMobject

import style
from captioned import CaptionedBeats
from numeric import rectifiers
from numeric.activations import LEAKY_SLOPE
from numeric.formatting import fixed, percent, shortest
from toolkit import heading, merged_by_style, style_key, words

KINDS = ("relu", "leaky_relu")
NAMES = {"relu": "ReLU", "leaky_relu": "leaky ReLU"}
FIRST_STEPS = 2 * len(rectifiers.dataset()[0]) // rectifiers.BATCH  # the first two epochs
COLUMNS = 8  # squares per row; each layer of 32 is a block of 4 rows
SIDE, GAP = 0.34, 0.09
DEAD = style.BACKGROUND  # a dead unit: an empty square on the slate, outlined in MUTED


def shown_steps() -> tuple[int, ...]:
    """The steps the scene shows: before training, the first two epochs, the end."""
    end = rectifiers.EPOCHS * len(rectifiers.dataset()[0]) // rectifiers.BATCH
    return (*range(FIRST_STEPS + 1), end)


@cache
def run(kind: str):
    """(steps, dead, silent) of the shown run at the shown steps only: masks after all 2000 steps
    cost the render about 5 CPU-s for the 42 it shows."""
    return rectifiers.timeline(kind, at=shown_steps())


def row(kind: str, step: int) -> int:
    return list(run(kind)[0]).index(step)


def units() -> int:
    return sum(rectifiers.HIDDEN)


def counts(kind: str, step: int) -> tuple[int, int]:
    """(dead, asleep-but-alive) units after `step` SGD steps."""
    _, dead, silent = run(kind)
    r = row(kind, step)
    return int(dead[r].sum()), int((silent[r] & ~dead[r]).sum())


def last_step() -> int:
    return int(run("relu")[0][-1])


def lr_text() -> str:
    return fixed(rectifiers.SHOWN_LR)


def dead_share_text(kind: str, step: int) -> str:
    return percent(counts(kind, step)[0] / units())


def square_colour(kind: str, dead: bool, silent: bool) -> tuple[str, float]:
    if dead:
        return DEAD, 1.0
    return style.ACTIVATION_COLOURS[kind], (0.25 if silent else 1.0)


def look(kind: str, step: int, i: int) -> tuple[str, float, str]:
    """Unit i's square after `step` steps: fill colour, fill opacity, outline colour."""
    _, dead, silent = run(kind)
    r = row(kind, step)
    colour, opacity = square_colour(kind, bool(dead[r, i]), bool(silent[r, i]))
    return colour, opacity, style.MUTED if dead[r, i] else colour


def panel(kind: str, step: int) -> VGroup:
    """The units of one network after `step` steps: two blocks (layer 1 above layer 2)."""
    squares = VGroup()
    for i in range(units()):
        layer, k = divmod(i, rectifiers.HIDDEN[0])
        row, col = divmod(k, COLUMNS)
        sq = square(*look(kind, step, i)).copy()
        sq.move_to([col * (SIDE + GAP), -(row + layer * 4.8) * (SIDE + GAP), 0])
        squares.add(sq)
    return squares


# Built once per look and copied: a Square costs ~1 ms to build, a Text ~40 ms; a copy a tenth
# and a third of that, and every step lays out 128 squares and six lines of text.
@cache
def square(colour: str, opacity: float, stroke: str) -> Square:
    return Square(SIDE, stroke_width=2, stroke_color=stroke).set_fill(colour, opacity)


def label(kind: str, step: int) -> VGroup:
    return counts_text(kind, *counts(kind, step)).copy()


@cache
def counts_text(kind: str, dead: int, asleep: int) -> VGroup:
    lines = [words(f"{dead} of {units()} dead", style.LABEL_SIZE, style.TEXT)]
    if kind != "relu":
        lines.append(words(f"{asleep} asleep, not dead", style.LABEL_SIZE, style.MUTED))
    return outlines(VGroup(*lines).arrange(DOWN, buff=0.15))


@cache
def name_text(kind: str) -> VGroup:
    return outlines(words(NAMES[kind], style.BODY_SIZE, style.ACTIVATION_COLOURS[kind]))


def outlines(mob: Mobject) -> VGroup | VMobject:
    """The same glyph outlines and styles as plain VMobjects, grouped as in `mob`. A Text keeps
    what Pango and the SVG parser made of it, and deep-copying that on every step's labels and
    in every Transform's set-up was most of the scene's Python (about 0.1 s a copy)."""
    if mob.submobjects:
        return VGroup(*(outlines(part) for part in mob.submobjects))
    plain = VMobject()
    plain.set_points(mob.points)
    plain.match_style(mob)
    return plain


def title(step: int) -> VGroup:
    return title_text(step).copy()


@cache
def title_text(step: int) -> VGroup:
    return outlines(heading(words(f"η = {lr_text()}:"), words(step_text(step), color=style.MUTED)))


def step_text(step: int) -> str:
    per_epoch = len(rectifiers.dataset()[0]) // rectifiers.BATCH
    return f"step {step} (epoch {(step - 1) // per_epoch + 1})" if step else "before training"


class DyingReLU(CaptionedBeats, Scene):
    """Dying ReLU: units switch off, most for good"

    One real training run at too large a learning rate, unit by unit: ReLU units die within the
    first steps, and most never get a gradient again (a second-layer unit can wake when the layer
    below it changes); the same run with leaky ReLU has no dead unit, though many of its units
    fall asleep.
    """

    def construct(self):
        self.show_networks()
        self.show_first_steps()
        self.show_the_end()

    def layout(self, step: int) -> VGroup:
        # The two grids side by side, level; each name above its grid, its counts below.
        grids = VGroup(*(panel(kind, step) for kind in KINDS)).arrange(buff=1.8)
        parts = VGroup(grids)
        for kind, grid in zip(KINDS, grids):
            name = name_text(kind).copy()
            parts.add(name.next_to(grid, UP, buff=0.25), label(kind, step).next_to(grid, DOWN, buff=0.25))
        return parts.next_to(self.title, DOWN, buff=0.3)

    def next_board(self, step: int) -> VGroup:
        """The board after `step` steps: the last one's pieces, with new squares and counts where
        they changed. The grids stay where they first stood: laid out anew, they moved by up to
        3 pixels whenever a count's width changed."""
        grids = VGroup(*(VGroup(*grid) for grid in self.board[0]))
        board = VGroup(grids, *self.board[1:])
        for j, kind in enumerate(KINDS):
            for i, sq in enumerate(grids[j]):
                if look(kind, step, i) != look(kind, self.step, i):
                    grids[j].submobjects[i] = square(*look(kind, step, i)).copy().move_to(sq)
            if counts(kind, step) != counts(kind, self.step):
                board.submobjects[2 + 2 * j] = label(kind, step).next_to(grids[j], DOWN, buff=0.25)
        self.step = step
        return board

    def show_board(self, board: VGroup, morph_text: bool = True) -> list[Transform]:
        """Put `board` on screen in place of the last one: what looks the same is drawn once as
        background, squares merged by style; the animations returned turn what changed into its
        new look. Without `morph_text`, changed counts simply replace the old ones, so only the
        squares that change are redrawn frame by frame. (Redrawing all 128 squares and every
        glyph in every frame of every step cost most of the scene's render.)"""
        still, changed = [], []
        for before, after in zip(pieces(board if self.board is None else self.board), pieces(board)):
            if same_look(before, after) or not (morph_text or isinstance(after, Square)):
                still.append(after)
            else:
                changed.append((before.copy(), after))
        self.remove(*self.shown)
        self.shown = merged(still) + [start for start, _ in changed]
        self.add(*self.shown)  # the changed pieces last: manim redraws from the first moving one on
        self.board = board
        return [Transform(start, end) for start, end in changed]

    def tick_title(self, step: int):
        """The title for `step`, in place of the last one at once: a counter that ticks."""
        self.remove(self.title)
        self.title = title(step)
        self.add(self.title)  # before the board, which show_board adds after it

    # Show the two networks before training.
    def show_networks(self):
        self.title = title(0)
        self.board, self.shown, self.step = None, [], 0
        self.show_board(self.layout(0))
        self.beat(
            FadeIn(self.title),
            FadeIn(*self.shown),
            caption=f"Two copies of one network, {units()} hidden units each, one square per "
            f"unit: the same start, the same mini-batches, a learning rate too high, {lr_text()}.",
            run_time=1.5,
            hold=3.0,
        )
        self.say(
            "Left, ReLU units; right, leaky ReLU. A lit square is a unit active on some "
            "example. A dark one is dead: its gradient is 0 on every example.",
            4.5,
        )

    # Show the first two epochs, step by step.
    def show_first_steps(self):
        caption = (
            "Watch the first steps. One large step can push a unit's z below 0 on every "
            "example, and then it gets no gradient. In the first layer it stays dead; in the "
            "second, a change in the layer below can still wake it."
        )
        per_step = 0.4  # a whole number of frames at 15 and at 60 fps: the caption's end is exact
        self.add_subcaption(caption, duration=FIRST_STEPS * per_step + 1.9)
        for step in range(1, FIRST_STEPS + 1):
            # The step count and the unit counts tick; only the squares that change fade into
            # their new look (a step without one is a still frame).
            self.tick_title(step)
            changes = self.show_board(self.next_board(step), morph_text=False)
            if changes:
                self.play(*changes, run_time=per_step)
            else:
                self.wait(per_step)
        self.wait(2.0)

    # Show the end of training: the dead stay dead; the leaky units are never dead.
    def show_the_end(self):
        end = last_step()
        dead, _ = counts("relu", end)
        _, asleep = counts("leaky_relu", end)
        self.beat(
            Transform(self.title, title(end)),
            *self.show_board(self.next_board(end)),
            caption=f"After all {end} steps: {dead} ReLU units dead, {dead_share_text('relu', end)} "
            "of the network, and they never moved again.",
            run_time=1.5,
            hold=3.5,
        )
        note = words(
            f"asleep: gradient × {shortest(LEAKY_SLOPE)}, never 0",
            style.LABEL_SIZE,
            style.ACTIVATION_COLOURS["leaky_relu"],
        ).to_edge(DOWN, buff=0.25)
        self.beat(
            FadeIn(note, shift=UP * 0.2),
            caption=f"With the leak, no unit is dead. {asleep} are asleep, negative on every "
            "example, but they still get a gradient, a hundred times smaller, and can come back.",
            run_time=1.0,
            hold=5.0,
        )


def pieces(board: VGroup) -> list[Mobject]:
    """A layout's squares, then its names and counts."""
    grids, *texts = board
    return [*grids[0], *grids[1], *texts]


def same_look(a: Mobject, b: Mobject) -> bool:
    """Whether two pieces are drawn alike: the same shapes, in the same place and colours (a
    piece next_board kept is the very same object)."""
    if a is b:
        return True
    fa, fb = a.family_members_with_points(), b.family_members_with_points()
    return len(fa) == len(fb) and all(
        style_key(x) == style_key(y) and np.array_equal(x.points, y.points) for x, y in zip(fa, fb)
    )


def merged(still: list[Mobject]) -> list[Mobject]:
    """The squares among `still` as one path per style (one fill and one stroke each to draw);
    the rest as they are. No two squares overlap, so the picture is the same."""
    squares = [piece for piece in still if isinstance(piece, Square)]
    return [*merged_by_style(squares), *(piece for piece in still if not isinstance(piece, Square))]


def relu_dead_shares() -> np.ndarray:
    """The dead share after every shown step of the ReLU run (for the tests)."""
    return run("relu")[1].mean(axis=1)
