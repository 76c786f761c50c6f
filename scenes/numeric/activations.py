"""Activation functions and their derivatives, in closed form."""

from __future__ import annotations

import numpy as np


def sigmoid(x):
    """The logistic function 1 / (1 + e^-x), stable for large |x|."""
    x = np.asarray(x, dtype=float)
    # exp of a non-positive number never overflows.
    e = np.exp(-np.abs(x))
    out = np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return out if out.ndim else float(out)


def sigmoid_prime(x):
    """d sigma / dx = sigma(x) (1 - sigma(x)).

    Computed as e / (1 + e)^2 with e = e^-|x| (the same value, since sigma' is even): exactly
    symmetric, and without the cancellation in 1 - sigma(x) when sigma(x) is close to 1.
    """
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    out = e / ((1.0 + e) * (1.0 + e))
    return out if out.ndim else float(out)


def tanh(x):
    out = np.tanh(np.asarray(x, dtype=float))
    return out if out.ndim else float(out)


def tanh_prime(x):
    """d tanh / dx = 1 - tanh(x)^2."""
    t = tanh(x)
    return 1.0 - t * t


def logit(p):
    """The inverse of the sigmoid."""
    p = np.asarray(p, dtype=float)
    out = np.log(p / (1.0 - p))
    return out if out.ndim else float(out)


# sigma'(x) = s (1 - s) is largest where s = 1/2, that is at x = 0.
SIGMOID_PRIME_ARGMAX = 0.0
SIGMOID_PRIME_PEAK = sigmoid_prime(SIGMOID_PRIME_ARGMAX)  # 0.25

# "Significant" gradient: at least this fraction of the peak.
SIGNIFICANT_FRACTION = 0.2


def significant_band(fraction: float = SIGNIFICANT_FRACTION) -> tuple[float, float]:
    """The interval of x where sigma'(x) >= fraction * 0.25, solved in closed form.

    s (1 - s) = c has the root s = (1 - sqrt(1 - 4c)) / 2, so the band's edge is logit(s).
    """
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must lie in (0, 1], got {fraction}")
    c = fraction * SIGMOID_PRIME_PEAK
    s = (1.0 - np.sqrt(1.0 - 4.0 * c)) / 2.0
    edge = -logit(s)
    return (-edge, edge)


# ---------------------------------------------------------------- the rest of the book's zoo
# Chapters 2-4 and the playground take every activation from here; the registry at the bottom
# names them, with their TeX and their derivative, so a table or a loop never retypes one.

_SQRT2 = np.sqrt(2.0)
_SQRT_2_OVER_PI = np.sqrt(2.0 / np.pi)


def _out(a):
    return a if a.ndim else float(a)


def _arr(x):
    return np.asarray(x, dtype=float)


def relu(x):
    return _out(np.maximum(_arr(x), 0.0))


def relu_prime(x):
    """1 for x > 0, 0 otherwise: the value at 0 is 0, what PyTorch, TensorFlow and JAX return."""
    return _out(np.where(_arr(x) > 0, 1.0, 0.0))


def leaky_relu(x, slope: float = 0.01):
    x = _arr(x)
    return _out(np.where(x > 0, x, slope * x))


def leaky_relu_prime(x, slope: float = 0.01):
    return _out(np.where(_arr(x) > 0, 1.0, slope))


def elu(x, alpha: float = 1.0):
    x = _arr(x)
    # expm1 of a clipped argument: exact near 0 and no overflow warning on the unused branch.
    return _out(np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0))))


def elu_prime(x, alpha: float = 1.0):
    x = _arr(x)
    return _out(np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0))))


def std_normal_cdf(x):
    """Phi(x), through erfc so the left tail keeps its relative precision."""
    from scipy.special import ndtr

    return _out(ndtr(_arr(x)))


def std_normal_pdf(x):
    x = _arr(x)
    return _out(np.exp(-0.5 * x * x) / np.sqrt(2.0 * np.pi))


def selu_constants() -> tuple[float, float]:
    """(lambda, alpha) of SELU, solved from Klambauer et al.'s fixed point, never typed.

    For z ~ N(0, 1) the layer's output must have mean 0 and variance 1:
      E[f]   = lambda (1/sqrt(2 pi) + alpha (e^(1/2) Phi(-1) - 1/2))                      = 0
      E[f^2] = lambda^2 (1/2 + alpha^2 (e^2 Phi(-2) - 2 e^(1/2) Phi(-1) + 1/2))          = 1
    The first fixes alpha, the second then lambda. (Each integral is a Gaussian integral of
    e^(kz) over z < 0, which is e^(k^2/2) Phi(-k).)
    """
    phi1 = float(std_normal_cdf(-1.0))
    phi2 = float(std_normal_cdf(-2.0))
    alpha = (1.0 / np.sqrt(2.0 * np.pi)) / (0.5 - np.exp(0.5) * phi1)
    second = 0.5 + alpha**2 * (np.exp(2.0) * phi2 - 2.0 * np.exp(0.5) * phi1 + 0.5)
    lam = 1.0 / np.sqrt(second)
    return float(lam), float(alpha)


SELU_LAMBDA, SELU_ALPHA = selu_constants()


def selu(x):
    return _out(SELU_LAMBDA * _arr(elu(x, SELU_ALPHA)))


def selu_prime(x):
    return _out(SELU_LAMBDA * _arr(elu_prime(x, SELU_ALPHA)))


def gelu(x):
    """The exact GELU, x Phi(x)."""
    x = _arr(x)
    return _out(x * _arr(std_normal_cdf(x)))


def gelu_prime(x):
    x = _arr(x)
    return _out(_arr(std_normal_cdf(x)) + x * _arr(std_normal_pdf(x)))


GELU_TANH_COEFF = 0.044715  # the constant of Hendrycks and Gimpel's tanh approximation
GELU_SIGMOID_SCALE = 1.702  # and of their sigmoid approximation


def gelu_tanh(x):
    """The tanh approximation, 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))."""
    x = _arr(x)
    return _out(0.5 * x * (1.0 + np.tanh(_SQRT_2_OVER_PI * (x + GELU_TANH_COEFF * x**3))))


def gelu_sigmoid(x):
    """The sigmoid approximation, x sigma(1.702 x)."""
    x = _arr(x)
    return _out(x * _arr(sigmoid(GELU_SIGMOID_SCALE * x)))


def silu(x, beta: float = 1.0):
    """SiLU (beta = 1) and Swish: x sigma(beta x)."""
    x = _arr(x)
    return _out(x * _arr(sigmoid(beta * x)))


def silu_prime(x, beta: float = 1.0):
    x = _arr(x)
    s = _arr(sigmoid(beta * x))
    return _out(s + beta * x * s * (1.0 - s))


def softplus(x):
    """ln(1 + e^x), computed as max(x, 0) + log1p(e^-|x|): no overflow, no lost digits."""
    x = _arr(x)
    return _out(np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x))))


def softplus_prime(x):
    """The derivative of softplus is the sigmoid."""
    return sigmoid(x)


def mish(x):
    """x tanh(softplus(x))."""
    x = _arr(x)
    return _out(x * np.tanh(_arr(softplus(x))))


def mish_prime(x):
    x = _arr(x)
    t = np.tanh(_arr(softplus(x)))
    return _out(t + x * (1.0 - t * t) * _arr(sigmoid(x)))


def identity(x):
    return _out(_arr(x).copy())


def identity_prime(x):
    return _out(np.ones_like(_arr(x)))


class Activation:
    """One activation of the book: its name, TeX, function, derivative and colour key."""

    def __init__(self, key: str, name: str, tex: str, f, f_prime):
        self.key = key  # stable identifier: colours, file names, the playground's address
        self.name = name  # what the pages call it
        self.tex = tex  # its definition in TeX, f(z) = ...
        self.f = f
        self.f_prime = f_prime

    def __repr__(self) -> str:
        return f"Activation({self.key!r})"


LEAKY_SLOPE = 0.01  # PyTorch's and TensorFlow's default negative slope
PRELU_INIT = 0.25  # He et al. 2015 start PReLU's learned slope here

ZOO: dict[str, Activation] = {
    a.key: a
    for a in (
        Activation("identity", "linear", r"z", identity, identity_prime),
        Activation(
            "sigmoid", "sigmoid", r"\sigma(z) = \frac{1}{1 + e^{-z}}", sigmoid, sigmoid_prime
        ),
        Activation(
            "tanh", "tanh", r"\tanh z = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}", tanh, tanh_prime
        ),
        Activation("relu", "ReLU", r"\max(0, z)", relu, relu_prime),
        Activation(
            "leaky_relu",
            "leaky ReLU",
            r"\max(0.01 z, z)",
            lambda x: leaky_relu(x, LEAKY_SLOPE),
            lambda x: leaky_relu_prime(x, LEAKY_SLOPE),
        ),
        Activation(
            "elu", "ELU", r"z \text{ if } z > 0, \; e^{z} - 1 \text{ otherwise}", elu, elu_prime
        ),
        Activation(
            "selu",
            "SELU",
            r"\lambda z \text{ if } z > 0, \; \lambda \alpha (e^{z} - 1) \text{ otherwise}",
            selu,
            selu_prime,
        ),
        Activation("gelu", "GELU", r"z\,\Phi(z)", gelu, gelu_prime),
        Activation("silu", "SiLU", r"z\,\sigma(z)", silu, silu_prime),
        Activation("mish", "Mish", r"z \tanh(\operatorname{softplus} z)", mish, mish_prime),
        Activation("softplus", "softplus", r"\ln(1 + e^{z})", softplus, softplus_prime),
    )
}


# ---------------------------------------------------------------- hard (piecewise-linear) variants
# Cheaper stand-ins for the sigmoid and Swish on phones. Frameworks disagree on the hard sigmoid:
# PyTorch's torch.nn.Hardsigmoid is relu6(x + 3) / 6 (the MobileNetV3 form, Howard et al. 2019);
# Keras 2's keras.activations.hard_sigmoid was clip(0.2 x + 0.5, 0, 1) (Keras 3 moved to x / 6).


def hard_sigmoid_torch(x):
    """PyTorch: 0 below -3, 1 above 3, x / 6 + 1/2 between."""
    return _out(np.clip(_arr(x) / 6.0 + 0.5, 0.0, 1.0))


def hard_sigmoid_torch_prime(x):
    x = _arr(x)
    return _out(np.where((x > -3.0) & (x < 3.0), 1.0 / 6.0, 0.0))


KERAS2_HARD_SIGMOID_SLOPE = 0.2
KERAS2_HARD_SIGMOID_EDGE = 0.5 / KERAS2_HARD_SIGMOID_SLOPE  # 2.5: where the ramp reaches 0 and 1


def hard_sigmoid_keras2(x):
    """Keras 2: 0 below -2.5, 1 above 2.5, 0.2 x + 0.5 between."""
    return _out(np.clip(KERAS2_HARD_SIGMOID_SLOPE * _arr(x) + 0.5, 0.0, 1.0))


def hard_sigmoid_keras2_prime(x):
    x = _arr(x)
    edge = KERAS2_HARD_SIGMOID_EDGE
    return _out(np.where((x > -edge) & (x < edge), KERAS2_HARD_SIGMOID_SLOPE, 0.0))


def hard_swish(x):
    """x relu6(x + 3) / 6 (Howard et al. 2019; torch.nn.Hardswish): Swish with the sigmoid made hard."""
    x = _arr(x)
    return _out(x * _arr(hard_sigmoid_torch(x)))


def hard_swish_prime(x):
    x = _arr(x)
    return _out(np.where(x <= -3.0, 0.0, np.where(x >= 3.0, 1.0, (2.0 * x + 3.0) / 6.0)))
