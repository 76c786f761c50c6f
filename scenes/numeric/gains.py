"""Initialisation gains, derived: the factor g in Var(w) = g^2 / n that keeps a signal's size
through a layer, for every activation of the zoo.

Forward: z' = sum_i w_i a_i with n independent weights of mean 0, so Var(z') = n Var(w) E[a^2]
(the second moment of a = f(z), not its variance: nothing makes a's mean 0). For z ~ N(0, 1) to
give z' ~ N(0, 1) again, g^2 E[f(z)^2] = 1: g = 1 / sqrt(E[f(z)^2]).
Backward: dL/da = sum_j w_j dL/dz'_j brings a factor f'(z) per layer: g = 1 / sqrt(E[f'(z)^2]).
Both expectations are Gaussian integrals, computed here by adaptive quadrature.
"""

from __future__ import annotations

import numpy as np
from scipy import integrate

from .activations import LEAKY_SLOPE, ZOO, std_normal_pdf

# PyTorch's torch.nn.init.calculate_gain, as its documentation lists it (PyTorch 2.x).
PYTORCH_GAINS = {
    "identity": 1.0,
    "sigmoid": 1.0,
    "tanh": 5.0 / 3.0,
    "relu": float(np.sqrt(2.0)),
    "leaky_relu": float(np.sqrt(2.0 / (1.0 + LEAKY_SLOPE**2))),
    "selu": 3.0 / 4.0,
}
# The empirical std gain std(z) / std(tanh z) of 100 000 samples that a PyTorch contributor
# measured when asking where calculate_gain's numbers come from (pytorch/pytorch#24991, 2019).
ISSUE_24991_TANH = 1.5975916385650635
# The std of a 10-layer tanh network's output with gain 5/3 (1000 x 1000, xavier_normal_), posted
# in the PyTorch forum thread that issue points to ("calculate_gain('tanh')", 2018).
FORUM_TANH_OUTPUT_STD = 0.6518


def gaussian_mean(g, scale: float = 1.0) -> float:
    """E[g(z)] for z ~ N(0, scale^2), split at 0 where the piecewise activations have their kink."""

    def integrand(z):
        return float(g(scale * z)) * float(std_normal_pdf(z))

    left = integrate.quad(integrand, -np.inf, 0.0, epsabs=1e-13, epsrel=1e-12)[0]
    right = integrate.quad(integrand, 0.0, np.inf, epsabs=1e-13, epsrel=1e-12)[0]
    return left + right


def second_moment(key: str, scale: float = 1.0) -> float:
    """E[f(z)^2] for z ~ N(0, scale^2)."""
    f = ZOO[key].f
    return gaussian_mean(lambda z: f(z) ** 2, scale)


def slope_moment(key: str, scale: float = 1.0) -> float:
    """E[f'(z)^2] for z ~ N(0, scale^2)."""
    fp = ZOO[key].f_prime
    return gaussian_mean(lambda z: fp(z) ** 2, scale)


def forward_gain(key: str) -> float:
    """The gain that maps z ~ N(0, 1) to z' ~ N(0, 1) through f and one linear layer."""
    return 1.0 / np.sqrt(second_moment(key))


def backward_gain(key: str) -> float:
    """The gain that keeps the gradient's size through one layer when z ~ N(0, 1)."""
    return 1.0 / np.sqrt(slope_moment(key))


def fixed_point(key: str, gain: float, q0: float = 1.0, steps: int = 200) -> float:
    """The variance q* that z settles at, layer after layer, with Var(w) = gain^2 / n:
    q_{k+1} = gain^2 E[f(sqrt(q_k) z)^2], iterated from q0 (the mean-field recursion of Poole
    et al. 2016)."""
    q = q0
    for _ in range(steps):
        q_next = gain**2 * second_moment(key, np.sqrt(q))
        if abs(q_next - q) < 1e-12:
            return q_next
        q = q_next
    return q


def gradient_factor(key: str, gain: float) -> float:
    """At the fixed point, what one layer multiplies the gradient's size by: sqrt(chi), with
    chi = gain^2 E[f'(sqrt(q*) z)^2]."""
    q = fixed_point(key, gain)
    return float(np.sqrt(gain**2 * slope_moment(key, np.sqrt(q))))


def table() -> dict:
    """Every activation's forward and backward gain, PyTorch's where it lists one."""
    return {
        key: {
            "forward": forward_gain(key),
            "backward": backward_gain(key),
            "pytorch": PYTORCH_GAINS.get(key),
        }
        for key in ZOO
    }


def tanh_story() -> dict:
    """What 5/3 does to tanh, beside what the derived 1.59 does."""
    out = {}
    for name, g in (("derived", forward_gain("tanh")), ("pytorch", PYTORCH_GAINS["tanh"])):
        q = fixed_point("tanh", g)
        out[name] = {
            "gain": g,
            "z_std": float(np.sqrt(q)),
            "a_std": float(np.sqrt(second_moment("tanh", np.sqrt(q)))),
            "gradient_factor": gradient_factor("tanh", g),
        }
    return out
