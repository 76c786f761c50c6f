"""The article's example: a chain of scalar neurons, forward and backward.

    x -> z1 = w1 x + b1 -> a1 = f(z1) -> z2 = w2 a1 + b2 -> ... -> a_n = y_hat -> L

with the squared-error loss L = (y_hat - y)^2 / 2. Layers are numbered from 1; a_0 = x. The
activation f is the sigmoid (chapter 1) unless the chain names another from the zoo (chapter 2
redoes the example with tanh).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .activations import SIGMOID_PRIME_PEAK, ZOO, tanh_prime

# The largest slope of each activation a chain may use, in closed form: sigma'(0) = 1/4 and
# tanh'(0) = 1 - tanh(0)^2 = 1. The bound below multiplies them.
PEAK_SLOPE = {"sigmoid": SIGMOID_PRIME_PEAK, "tanh": tanh_prime(0.0)}


@dataclass(frozen=True)
class Chain:
    """A concrete chain: input, target, one weight and one bias per layer."""

    x: float
    y: float
    weights: tuple[float, ...]
    biases: tuple[float, ...]
    activation: str = "sigmoid"  # a key of activations.ZOO with a PEAK_SLOPE

    def __post_init__(self):
        if len(self.weights) != len(self.biases) or not self.weights:
            raise ValueError("a chain needs as many biases as weights, and at least one layer")
        if self.activation not in PEAK_SLOPE:
            raise ValueError(f"a chain's activation is one of {sorted(PEAK_SLOPE)}")

    @property
    def depth(self) -> int:
        return len(self.weights)


@dataclass(frozen=True)
class Pass:
    """Everything the forward and backward pass compute, layer by layer (index 0 = layer 1)."""

    z: tuple[float, ...]  # pre-activations z_k
    a: tuple[float, ...]  # activations a_k = f(z_k); a[-1] = y_hat
    loss: float
    dL_dyhat: float  # dL/da_n = y_hat - y
    sigma_prime: tuple[float, ...]  # f'(z_k) (sigma'(z_k) for the sigmoid)
    dL_dz: tuple[float, ...]  # the gradient arriving at layer k's pre-activation
    dL_dw: tuple[float, ...]  # dL/dw_k = dL/dz_k * a_{k-1}
    dL_db: tuple[float, ...]  # dL/db_k = dL/dz_k

    @property
    def y_hat(self) -> float:
        return self.a[-1]

    def shrink(self) -> tuple[float, ...]:
        """|dL/dz_k| relative to |dL/dy_hat|: how much of the output's gradient reaches layer k."""
        return tuple(abs(g / self.dL_dyhat) for g in self.dL_dz)


def run(chain: Chain) -> Pass:
    """Forward pass, loss and backward pass by the chain rule."""
    f = ZOO[chain.activation]
    z, a = [], []
    prev = chain.x
    for w, b in zip(chain.weights, chain.biases):
        z.append(w * prev + b)
        a.append(f.f(z[-1]))
        prev = a[-1]
    y_hat = a[-1]
    loss = 0.5 * (y_hat - chain.y) ** 2
    dL_dyhat = y_hat - chain.y
    sp = [f.f_prime(v) for v in z]

    # Walk backward: dL/dz_n = dL/da_n f'(z_n); dL/dz_{k} = dL/dz_{k+1} w_{k+1} f'(z_k).
    n = chain.depth
    dz = [0.0] * n
    dz[n - 1] = dL_dyhat * sp[n - 1]
    for k in range(n - 2, -1, -1):
        dz[k] = dz[k + 1] * chain.weights[k + 1] * sp[k]
    inputs = (chain.x, *a[:-1])
    dw = [g * inp for g, inp in zip(dz, inputs)]
    return Pass(tuple(z), tuple(a), loss, dL_dyhat, tuple(sp), tuple(dz), tuple(dw), tuple(dz))


def loss_at(chain: Chain) -> float:
    """The loss alone: what finite differences perturb."""
    return run(chain).loss


def bound_per_layer(weight_magnitude: float = 1.0) -> float:
    """The largest factor one sigmoid layer can multiply the gradient by: |w| * max sigma'."""
    return weight_magnitude * SIGMOID_PRIME_PEAK


def bound_sequence(layers: int, weight_magnitude: float = 1.0) -> tuple[float, ...]:
    """The bound 1, 0.25, 0.0625, ... after 0..layers sigmoid layers backward."""
    return tuple(bound_per_layer(weight_magnitude) ** k for k in range(layers + 1))


def premise_holds(chain: Chain) -> bool:
    """The 0.25-per-layer bound's premise: every weight at most 1 in size."""
    return all(abs(w) <= 1.0 for w in chain.weights)


def bound_for(chain: Chain) -> float:
    """The bound on |dL/dz_1| / |dL/da_n| that applies to this chain's own weights.

    Going back, layer n contributes f'(z_n) <= peak (no weight after it) and every other
    layer k contributes w_{k+1} f'(z_k), at most peak |w_{k+1}| in size: the bound is
    peak^n |w_2 ... w_n|, which is at most peak^n when the premise holds (0.25^n for the
    sigmoid, 1 for tanh).
    """
    product = 1.0
    for w in chain.weights[1:]:
        product *= abs(w)
    return PEAK_SLOPE[chain.activation] ** chain.depth * product


def balanced_shrink(depth: int, weight: float) -> float:
    """|dL/dz_1| / |dL/da_n| for balanced_chain(depth, weight), in closed form.

    Every z_k = 0, so every sigma' is 0.25: the output step multiplies by 0.25 alone, and each of
    the depth - 1 layers behind it by w * 0.25.
    """
    return SIGMOID_PRIME_PEAK * bound_per_layer(abs(weight)) ** (depth - 1)


# The article's worked example: three layers, every weight at most 1 in size (the bound's premise).
EXAMPLE = Chain(x=1.0, y=1.0, weights=(0.9, 1.0, 1.0), biases=(0.1, -0.2, 0.3))


def balanced_chain(depth: int, weight: float) -> Chain:
    """A chain whose every pre-activation is exactly 0 (sigma' at its peak 0.25).

    With x = 1/2 and b = -w/2, each z = w/2 - w/2 = 0 and each a = 1/2, so every layer
    multiplies the gradient by exactly w / 4: it vanishes for |w| < 4 and explodes for |w| > 4.
    """
    return Chain(x=0.5, y=1.0, weights=(weight,) * depth, biases=(-weight / 2,) * depth)


def with_first_pre_activation(chain: Chain, z1: float) -> Chain:
    """The same chain with only w1 changed, so that the first layer's pre-activation is z1.

    One factor at a time: x, the biases and the later weights stay, so any change in the
    gradient comes from the first layer moving along the sigmoid.
    """
    if chain.x == 0:
        raise ValueError("with x = 0 no weight moves z1 away from b1")
    w1 = (z1 - chain.biases[0]) / chain.x
    return replace(chain, weights=(w1, *chain.weights[1:]))


# The worked example with its first layer saturated: z1 = 5, where sigma' is about 0.0066.
SATURATED_Z1 = 5.0
SATURATED = with_first_pre_activation(EXAMPLE, SATURATED_Z1)

# Chapter 2: the same chain, the same numbers, with tanh in every layer (one factor changed).
TANH_EXAMPLE = replace(EXAMPLE, activation="tanh")
TANH_SATURATED = with_first_pre_activation(TANH_EXAMPLE, SATURATED_Z1)


def update_ratio(p: Pass, k: int = 1) -> float:
    """|dL/dw_k| / |dL/dw_n|: how far w_k moves in one step w <- w - eta dL/dw, as a fraction of
    how far the last layer's weight moves. eta multiplies both, so no learning rate changes it."""
    return abs(p.dL_dw[k - 1] / p.dL_dw[-1])


def layers_to_fall_below(fraction: float, weight_magnitude: float = 1.0) -> int:
    """The fewest layers after which the bound (|w| max sigma')^k drops below `fraction`."""
    factor = bound_per_layer(weight_magnitude)
    if not (0 < factor < 1 and 0 < fraction < 1):
        raise ValueError("needs a factor and a fraction strictly between 0 and 1")
    k = math.floor(math.log(fraction) / math.log(factor)) + 1
    # Guard the floor against rounding in the logarithms: k is the first k with factor^k < fraction.
    while factor ** (k - 1) < fraction:
        k -= 1
    while factor**k >= fraction:
        k += 1
    return k
