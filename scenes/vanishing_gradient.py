"""Gradients shrink on their way back through sigmoid layers: the article's 3-layer example.

Every number on screen and in the captions comes from `numeric.chain` through the module-level
functions below (`forward_nodes`, `backward_steps`, `bound_row`, `real_row`, `deep_series`,
and the formatters of `numeric.formatting`), which the tests compare with an independent
recomputation.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Create,
    DashedLine,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    Rectangle,
    Scene,
    Square,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    VMobject,
    Write,
)

import style
from captioned import CaptionedBeats
from numeric.activations import SIGMOID_PRIME_PEAK
from numeric.chain import (
    EXAMPLE,
    balanced_chain,
    balanced_shrink,
    bound_per_layer,
    bound_sequence,
    run,
)
from numeric.formatting import full, given, percent, scientific_tex, scientific_text, significant
from toolkit import tex, words

PASS = run(EXAMPLE)
DEEP = 10
DEEP_WEIGHTS = (1.0, 8.0)  # weights near 1, where the per-layer bound holds, and large ones
# What the ten-layer stacks say, filled in with {weight}, the {factor} each layer multiplies by,
# the {depth} and the share of the gradient left at the {end}.
VANISHES = (
    "Weights of {weight} and sigma' at its peak: each layer multiplies by {factor}.",
    "After {depth} layers: {end} of the gradient. It vanishes.",
)
EXPLODES = (
    "The bound assumes weights near 1. With weights of {weight} and every z_k still 0, each layer "
    "multiplies by {factor}, the output step by {output_step} alone.",
    "After {depth} layers: {end} times the output's gradient. It explodes instead.",
)


# ---- the numbers on screen, as text --------------------------------------------------------

NODES = ("x", "z_1", "a_1", "z_2", "a_2", "z_3", r"\hat y", "L")
NODE_COLOURS = (style.INPUT, style.PRE_ACTIVATION, style.ACTIVATION, style.PRE_ACTIVATION,
                style.ACTIVATION, style.PRE_ACTIVATION, style.ACTIVATION, style.LOSS)


def forward_nodes() -> tuple[str, ...]:
    """The value under each node of the forward pass: x, z1, a1, z2, a2, z3, y_hat, L."""
    values = [given(EXAMPLE.x)]
    for z, a in zip(PASS.z, PASS.a):
        values += [significant(z), significant(a)]
    return (*values, significant(PASS.loss))


def header_tex() -> str:
    """The example's parameters in one line."""
    w = r",\,".join(given(v) for v in EXAMPLE.weights)
    b = r",\,".join(given(v) for v in EXAMPLE.biases)
    return (rf"x = {given(EXAMPLE.x)},\; y = {given(EXAMPLE.y)},\; w = ({w}),\; b = ({b}),"
            r"\; L = \tfrac{1}{2}(\hat y - y)^2")


def backward_steps() -> tuple[dict, ...]:
    """The walk back from the loss, one chain-rule factor at a time.

    Each step goes from node index `src` to node index `dst` (indices into NODES), multiplies by
    `factor` (written `symbol`), and leaves the gradient `grad` = dL/d(node dst) there; `ratio` is
    |grad| relative to |dL/dy_hat|. The first step starts the walk: dL/dy_hat = y_hat - y.
    """
    n = EXAMPLE.depth
    steps = [dict(src=7, dst=6, symbol=r"\hat y - y", factor=PASS.dL_dyhat, grad=PASS.dL_dyhat)]
    grad = PASS.dL_dyhat
    for k in range(n, 0, -1):       # layer k, from the last to the first
        z_node = 2 * k - 1          # NODES index of z_k; a_k sits at 2k, a_{k-1} at 2k - 2
        grad = grad * PASS.sigma_prime[k - 1]
        steps.append(dict(src=z_node + 1, dst=z_node, symbol=rf"\sigma'(z_{k})",
                          factor=PASS.sigma_prime[k - 1], grad=grad))
        if k > 1:
            grad = grad * EXAMPLE.weights[k - 1]
            steps.append(dict(src=z_node, dst=z_node - 1, symbol=rf"w_{k}",
                              factor=EXAMPLE.weights[k - 1], grad=grad))
    for s in steps:
        s["ratio"] = abs(s["grad"] / PASS.dL_dyhat)
        s["factor_text"] = given(s["factor"]) if s["symbol"].startswith("w") else significant(s["factor"])
        s["grad_text"] = significant(s["grad"])
    return tuple(steps)


# Each node's name in captions, and the gradient the backward pass leaves under it.
NODE_WORDS = ("x", "z1", "a1", "z2", "a2", "z3", "y-hat", "L")


def gradient_name(node: int) -> str:
    """dL/d(node) in TeX: what the number and the bar under that node are."""
    return rf"\partial L / \partial {NODES[node]}"


def bound_row() -> tuple[str, ...]:
    """The bound after 0..3 layers: weights of 1, sigma' at its peak 0.25."""
    return tuple(full(v) for v in bound_sequence(EXAMPLE.depth))


def real_row() -> tuple[str, ...]:
    """The same ratio at the example's input: |dL/dz_k| / |dL/dy_hat| for k = 3, 2, 1."""
    return ("1", *(significant(v) for v in reversed(PASS.shrink())))


def deep_series(weight: float) -> tuple[float, ...]:
    """|gradient| relative to the output's, 0..DEEP layers back, in a balanced sigmoid stack."""
    return (1.0, *reversed(run(balanced_chain(DEEP, weight)).shrink()))


# ---- drawing helpers -----------------------------------------------------------------------


NODE_X = np.linspace(-6.35, 6.35, len(NODES))
HEADER_Y, NODE_Y, VALUE_Y = 3.5, 2.35, 1.7
SYMBOL_Y, ARROW_Y, FACTOR_Y = 1.0, 0.62, 0.25
GRAD_Y, GRAD_NAME_Y = -0.45, -1.05
BAR_BASE, BAR_MAX, BAR_W = -3.6, 2.0, 0.6


def at(i: int, y: float) -> np.ndarray:
    return np.array([NODE_X[i], y, 0.0])


def between(i: int, j: int, y: float) -> np.ndarray:
    return np.array([(NODE_X[i] + NODE_X[j]) / 2, y, 0.0])


def bar(i: int, ratio: float) -> Rectangle:
    r = Rectangle(width=BAR_W, height=max(ratio * BAR_MAX, 1e-3), stroke_width=0,
                  fill_color=style.GRADIENT, fill_opacity=1.0)
    return r.move_to(at(i, BAR_BASE), aligned_edge=DOWN)


class GradientsShrinkBackward(CaptionedBeats, Scene):
    """Gradients shrink on their way back through sigmoid layers

    The worked example's network x -> w1 -> sigma -> w2 -> sigma -> w3 -> sigma -> y_hat -> L: a
    forward pass at x = 1, then the backward pass one chain-rule factor at a time, each gradient
    named (dL/dz_k or dL/da_k) with a bar for its size, the 0.25-per-layer bound against the real
    values, and ten layers with every z_k = 0 on a log scale, where large weights explode instead.
    """

    def construct(self):
        self.show_network()
        self.walk_backward()
        self.compare_with_bound()
        self.go_deeper()

    # Show the network and its forward pass.
    def show_network(self):
        header = tex(header_tex()).move_to([0, HEADER_Y, 0])
        labels = VGroup(*(tex(n, color=c).move_to(at(i, NODE_Y))
                          for i, (n, c) in enumerate(zip(NODES, NODE_COLOURS))))
        arrows, arrow_labels = VGroup(), VGroup()
        for i in range(len(NODES) - 1):
            a = Arrow(at(i, NODE_Y) + 0.32 * RIGHT, at(i + 1, NODE_Y) + 0.32 * LEFT, buff=0,
                      color=style.MUTED, stroke_width=4, max_tip_length_to_length_ratio=0.2)
            arrows.add(a)
            if i % 2 == 0 and i < 6:
                arrow_labels.add(tex(f"w_{i // 2 + 1}", color=style.WEIGHT).next_to(a, UP, buff=0.1))
            elif i < 6:
                arrow_labels.add(tex(r"\sigma", color=style.ACTIVATION).next_to(a, UP, buff=0.1))
        self.beat(FadeIn(labels), Create(arrows), FadeIn(arrow_labels),
                  caption="The network: three sigmoid neurons in a chain, one per layer.",
                  run_time=2.0, hold=1.0)
        self.beat(Write(header), caption="Its weights, biases, input and loss.",
                  run_time=1.5, hold=1.5)

        values = [tex(v, color=c).move_to(at(i, VALUE_Y))
                  for i, (v, c) in enumerate(zip(forward_nodes(), NODE_COLOURS))]
        self.beat(FadeIn(values[0]), caption=f"Forward pass at x = {given(EXAMPLE.x)}.",
                  run_time=0.8, hold=0.7)
        for k in range(1, EXAMPLE.depth + 1):
            z, a = values[2 * k - 1], values[2 * k]
            self.beat(FadeIn(z, shift=0.15 * RIGHT), FadeIn(a, shift=0.15 * RIGHT),
                      caption=f"Layer {k}: z{k} = w{k} a{k - 1} + b{k} = {significant(PASS.z[k - 1])}, "
                              f"then a{k} = sigma(z{k}) = {significant(PASS.a[k - 1])}.",
                      run_time=1.2, hold=0.8)
        self.beat(FadeIn(values[7]),
                  caption=f"The prediction is {significant(PASS.y_hat)}; the loss is {significant(PASS.loss)}.",
                  run_time=0.8, hold=1.2)
        self.network = VGroup(header, labels, arrows, arrow_labels, *values)

    # Show the backward pass, one chain-rule factor per step, and the gradient's size as a bar.
    def walk_backward(self):
        baseline = Line(at(1, BAR_BASE) + 0.6 * LEFT, at(6, BAR_BASE) + 0.6 * RIGHT,
                        color=style.MUTED, stroke_width=3)
        # The legend sits above the short bars of layers 1 to 3, clear of every bar and the box.
        legend = words("bars: gradient size", style.LABEL_SIZE, style.GRADIENT)
        legend.move_to([0.0, BAR_BASE + 1.2, 0])
        self.backward = VGroup(baseline, legend)
        previous = None
        for n, s in enumerate(backward_steps()):
            src, dst = s["src"], s["dst"]
            arrow = Arrow(between(src, dst, ARROW_Y) + 0.55 * RIGHT,
                          between(src, dst, ARROW_Y) + 0.55 * LEFT, buff=0,
                          color=style.GRADIENT, stroke_width=5, max_tip_length_to_length_ratio=0.3)
            symbol = tex(s["symbol"], color=style.WEIGHT if s["symbol"].startswith("w") else style.TEXT)
            symbol.move_to(between(src, dst, SYMBOL_Y))
            factor = tex(s["factor_text"]).move_to(between(src, dst, FACTOR_Y))
            grad = tex(s["grad_text"], color=style.GRADIENT).move_to(at(dst, GRAD_Y))
            grad_name = tex(gradient_name(dst), color=style.GRADIENT).move_to(at(dst, GRAD_NAME_Y))
            new_bar = bar(dst, s["ratio"])
            if n == 0:
                caption = (f"Backward: start at the loss. dL/dy-hat = y-hat minus y "
                           f"= {s['grad_text']}.")
                grow = [Create(baseline), FadeIn(legend), FadeIn(new_bar, shift=0.3 * UP)]
            else:
                what = "sigma'" if s["symbol"].startswith(r"\sigma") else "the weight"
                caption = (f"Multiply by {what}, {s['factor_text']}: dL/d{NODE_WORDS[dst]} = "
                           f"{s['grad_text']}.")
                grow = [TransformFromCopy(previous, new_bar)]
            self.beat(GrowArrow(arrow), FadeIn(symbol), caption=caption, run_time=1.0, hold=0.0,
                      caption_for=3.5)
            self.beat(FadeIn(factor), FadeIn(grad), FadeIn(grad_name), *grow, caption=None,
                      run_time=1.3, hold=1.2)
            self.backward.add(arrow, symbol, factor, grad, grad_name, new_bar)
            previous = new_bar
        first = backward_steps()[-1]
        box = SurroundingRectangle(VGroup(*self.backward[-3:]), buff=0.15,
                                   color=style.GRADIENT, stroke_width=4)
        self.beat(Create(box),
                  caption=f"Layer 1 receives {percent(first['ratio'], 3)} of the output's gradient.",
                  run_time=1.0, hold=2.0)
        self.backward.add(box)

    # Show the 0.25-per-layer bound next to the values at this input.
    def compare_with_bound(self):
        estimate = (f"The bound: at most {full(bound_per_layer(1.0))} per layer, "
                    f"so {' -> '.join(bound_row())}.")
        self.beat(FadeOut(self.network), FadeOut(self.backward), caption=estimate,
                  caption_for=5.0, run_time=1.0, hold=0.0)
        title = words("Share of the gradient left, layer by layer").move_to([0, 3.2, 0])
        heads = [r"\hat y", "z_3", "z_2", "z_1"]
        head_colours = [NODE_COLOURS[i] for i in (6, 5, 3, 1)]
        col_x = [0.5, 2.2, 4.0, 5.95]
        row_y = [1.9, 0.8, -0.4]
        bound_label = tex(rf"\text{{bound: }} |w| = {given(1.0)},\ \sigma' \le "
                          rf"{full(SIGMOID_PRIME_PEAK)}", size=style.BODY_SIZE)
        real_label = tex(rf"\text{{at }} x = {given(EXAMPLE.x)}", size=style.BODY_SIZE,
                         color=style.GRADIENT)
        head_mobs = VGroup(*(tex(h, size=style.BODY_SIZE, color=c).move_to([x, row_y[0], 0])
                             for h, c, x in zip(heads, head_colours, col_x)))
        bound_cells = VGroup(*(tex(v, size=style.BODY_SIZE).move_to([x, row_y[1], 0])
                               for v, x in zip(bound_row(), col_x)))
        real_cells = VGroup(*(tex(v, size=style.BODY_SIZE, color=style.GRADIENT).move_to([x, row_y[2], 0])
                              for v, x in zip(real_row(), col_x)))
        bound_label.move_to([0, row_y[1], 0]).align_to([-6.6, 0, 0], LEFT)
        real_label.move_to([0, row_y[2], 0]).align_to([-6.6, 0, 0], LEFT)
        last_bound = bound_sequence(EXAMPLE.depth)[-1]
        bound_note = words(f"Layer 1: at most {percent(last_bound, 3)}", style.BODY_SIZE)
        real_note = words(f"here {percent(PASS.shrink()[0], 3)}", style.BODY_SIZE, style.GRADIENT)
        VGroup(bound_note, real_note).arrange(RIGHT, buff=0.5).move_to([0, -2.2, 0])
        self.beat(FadeIn(title), FadeIn(head_mobs), FadeIn(bound_label), FadeIn(bound_cells),
                  caption=None, run_time=1.5, hold=2.5)
        self.beat(FadeIn(real_label), FadeIn(real_cells),
                  caption="At this input every share is smaller still.",
                  run_time=1.5, hold=1.5)
        self.beat(FadeIn(bound_note), FadeIn(real_note),
                  caption=f"Layer 1 gets {percent(PASS.shrink()[0], 3)} of the output's gradient, "
                          f"under the bound's {percent(last_bound, 3)}.",
                  run_time=1.0, hold=2.5)
        cells = VGroup(bound_label, real_label, bound_cells, real_cells, bound_note, real_note)
        self.table = VGroup(title, head_mobs, cells)

    # Show ten layers on a log scale: weights of 1 vanish, weights of 8 explode.
    def go_deeper(self):
        self.beat(FadeOut(self.table), run_time=1.0, hold=0.0, caption_for=3.0,
                  caption=f"Now stack {DEEP} layers: gradient size against depth, on a log scale.")
        lo, hi = -7, 3
        axes = Axes(x_range=(0, DEEP, 1), y_range=(0, hi - lo, 1), x_length=9.0, y_length=4.6,
                    axis_config={"color": style.MUTED, "stroke_width": 3,
                                 "include_ticks": True, "tick_size": 0.08},
                    tips=False).move_to([-0.4, -0.6, 0])

        def point(k, value):
            """Layer k back, gradient `value`, on the log-scale axes."""
            return axes.c2p(k, math.log10(value) - lo)

        y_labels = VGroup(*(tex("1" if e == 0 else f"10^{{{e}}}", color=style.MUTED)
                            .next_to(point(0, 10.0 ** e), LEFT, buff=0.2)
                            for e in range(lo + 1, hi, 2)))
        one = DashedLine(point(0, 1.0), point(DEEP, 1.0), color=style.MUTED, stroke_width=2,
                         dash_length=0.12)
        x_labels = VGroup(*(tex(str(k), color=style.MUTED).next_to(axes.c2p(k, 0), DOWN, buff=0.2)
                            for k in range(0, DEEP + 1, 2)))
        x_name = words("layers back from the output", style.LABEL_SIZE, style.MUTED)
        x_name.next_to(x_labels, DOWN, buff=0.2)
        title = words(f"Gradient size, {DEEP} sigmoid layers, log scale").move_to([0, 3.5, 0])
        premise = tex(r"\text{every } z_k = 0, \text{ so every } \sigma'(z_k) = "
                      + full(SIGMOID_PRIME_PEAK), color=style.MUTED).move_to([0, 2.85, 0])
        self.beat(Create(axes), FadeIn(y_labels), Create(one), FadeIn(x_labels), FadeIn(x_name),
                  FadeIn(title), FadeIn(premise), caption=None, run_time=1.5, hold=0.5)

        def series(weight, colour, dashed):
            values = deep_series(weight)
            pts = [point(k, v) for k, v in enumerate(values)]
            path = VMobject(color=colour, stroke_width=6).set_points_as_corners(pts)
            if dashed:
                path = DashedVMobject(path, num_dashes=40)
            marks = VGroup(*((Dot(p, radius=0.08, color=colour) if not dashed
                              else Square(0.16, color=colour, fill_opacity=1.0,
                                          stroke_width=0).move_to(p)) for p in pts))
            end = tex(scientific_tex(values[-1]), color=colour).next_to(pts[-1], RIGHT, buff=0.2)
            name = tex(f"w = {given(weight)}", color=colour)
            return values, path, marks, end, name

        # Each stack: its weight, colour and line; where its name sits (layer, side); the word
        # at its end (and on which side); the hold after it; what the captions say.
        w_small, w_large = DEEP_WEIGHTS
        stacks = (
            (w_small, style.GRADIENT, False, (5, DOWN + LEFT), ("vanishes", UP), 2.5, VANISHES),
            (w_large, style.WEIGHT, True, (6, UP + LEFT), ("explodes", DOWN), 3.0, EXPLODES),
        )
        for weight, colour, dashed, (k, side), (word, word_side), hold, captions in stacks:
            values, path, marks, end, name = series(weight, colour, dashed)
            said = dict(weight=given(weight), factor=full(bound_per_layer(weight)), depth=DEEP,
                        output_step=full(balanced_shrink(1, weight)),
                        end=scientific_text(values[-1]))
            name.next_to(point(k, values[k]), side, buff=0.15)
            self.beat(Create(path), FadeIn(marks), FadeIn(name),
                      caption=captions[0].format(**said), run_time=2.5, hold=0.5)
            label = words(word, style.LABEL_SIZE, colour)
            label.next_to(end, word_side, buff=0.15, aligned_edge=LEFT)
            self.beat(FadeIn(end), FadeIn(label), caption=captions[1].format(**said),
                      run_time=1.0, hold=hold)
        caveat = words("Otherwise, large weights usually saturate.", style.LABEL_SIZE, style.WEIGHT)
        caveat.move_to([0, 2.3, 0])
        self.beat(FadeIn(caveat), caption="That explosion needs every z_k at 0. Large weights "
                  "usually push z_k far from 0: the sigmoids saturate, sigma' is tiny, and the "
                  "gradient vanishes instead.",
                  run_time=1.0, hold=3.0)
