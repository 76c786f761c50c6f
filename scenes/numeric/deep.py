"""A deep fully connected network at initialisation: what each layer does to the activations
going forward and to the gradients coming back, for any activation of the zoo and any of the
classic initialisations. Chapters 2 and 4 and the playground read their statistics from here.

The network: x (n_examples x width, N(0, 1)) -> [z_k = a_{k-1} W_k + b_k, a_k = f(z_k)] for k = 1..depth,
biases 0. Backward, the gradient arriving at the top is a fixed random N(0, 1) matrix (a random
linear loss L = sum(G * a_depth) / n_examples), so every activation meets the same signal and
only the layers change it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import ZOO


def _uniform(rng, n_in, n_out, limit):
    return rng.uniform(-limit, limit, size=(n_in, n_out))


def _orthogonal(rng, n_in, n_out):
    """A random matrix with orthonormal columns (rows, if wider than tall): the Q of a Gaussian
    matrix's QR, signs fixed so that it is uniformly distributed (Mezzadri 2007)."""
    q, r = np.linalg.qr(rng.standard_normal((max(n_in, n_out), min(n_in, n_out))))
    q = q * np.sign(np.diag(r))
    return q if n_in >= n_out else q.T


# CS231n's "small random numbers": W = 0.01 * N(0, 1).
SMALL_SCALE = 0.01

# Each initialisation draws W_k (n_in x n_out). Names as the papers and lecture notes use them.
INITS = {
    # CS231n's first two tries: small and unit Gaussians.
    "small": lambda rng, n_in, n_out: SMALL_SCALE * rng.standard_normal((n_in, n_out)),
    "unit": lambda rng, n_in, n_out: rng.standard_normal((n_in, n_out)),
    # Glorot and Bengio 2010, eq. 1: the "commonly used heuristic" U[-1/sqrt(n), 1/sqrt(n)].
    "standard": lambda rng, n_in, n_out: _uniform(rng, n_in, n_out, 1.0 / np.sqrt(n_in)),
    # Glorot and Bengio 2010, eq. 16: "normalized initialization", variance 2 / (n_in + n_out).
    "xavier": lambda rng, n_in, n_out: _uniform(rng, n_in, n_out, np.sqrt(6.0 / (n_in + n_out))),
    # LeCun et al. 1998: variance 1 / n_in (what CS231n's notes call Xavier).
    "lecun": lambda rng, n_in, n_out: rng.standard_normal((n_in, n_out)) / np.sqrt(n_in),
    # He et al. 2015: variance 2 / n_in, for ReLU.
    "he": lambda rng, n_in, n_out: rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in),
    # Saxe et al. 2014: an orthogonal matrix, every singular value exactly 1. The matrix form of
    # chapter 1's |w| <= 1: no vector comes out longer (or shorter) than it went in.
    "orthogonal": _orthogonal,
}


@dataclass(frozen=True)
class DeepStats:
    """Per layer k = 1..depth (index k - 1)."""

    activation: str
    init: str
    z_std: np.ndarray  # spread of the pre-activations z_k
    a_mean: np.ndarray  # mean of the activations a_k
    a_std: np.ndarray  # spread of the activations a_k
    dead: np.ndarray  # fraction of units whose f' is 0 on every example (a dead ReLU)
    delta_std: np.ndarray  # spread of delta_k = dL/dz_k
    grad_w_norm: np.ndarray  # Frobenius norm of dL/dW_k
    activations: list  # a_k itself, for histograms (n_examples x width each)
    saturated: np.ndarray = None  # fraction of a_k with |a_k| > SATURATED (CS231n's tanh count)
    # Glorot and Bengio's "average singular value" of the layer Jacobian da_k / da_{k-1},
    # averaged over the first `jacobian_examples` examples (empty unless asked for).
    jacobian_sv: np.ndarray = None
    # ||dL/dz_k|| / ||dL/da_depth|| (Frobenius norms over the batch): the share of the gradient
    # arriving at the top that reaches layer k, chapter 1's |dL/dz_k| / |dL/dy_hat| for a layer.
    delta_share: np.ndarray = None
    slope_rms: np.ndarray = None  # the root mean square of f'(z_k) over units and examples


# |a| above this counts as saturated: tanh'(z) = 1 - a^2 < 0.02 there.
SATURATED = 0.99


def mean_singular_value(W: np.ndarray, slope: np.ndarray) -> float:
    """Mean singular value of the Jacobian of a = f(a_prev W) at one example: diag(f'(z)) W^T,
    whose singular values are those of W scaled column by column by f'(z)."""
    return float(np.mean(np.linalg.svd(W * slope[None, :], compute_uv=False)))


def propagate(
    activation: str,
    init: str,
    depth: int = 10,
    width: int = 500,
    n_examples: int = 1000,
    seed: int = 0,
    keep_activations: bool = False,
    backward: bool = True,
    jacobian_examples: int = 0,
    gain: float = 1.0,
) -> DeepStats:
    """Forward and backward once through a freshly initialised network (see the module doc).

    backward=False skips the backward pass (its fields are then empty); jacobian_examples > 0
    also measures each layer's Jacobian singular values at that many examples; gain multiplies
    every weight matrix the initialisation draws (the same draws, larger or smaller)."""
    if activation not in ZOO:
        raise KeyError(f"unknown activation {activation!r}; the zoo has {sorted(ZOO)}")
    if init not in INITS:
        raise KeyError(f"unknown initialisation {init!r}; choose from {sorted(INITS)}")
    f = ZOO[activation]
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n_examples, width))
    weights = [gain * INITS[init](rng, width, width) for _ in range(depth)]
    top_gradient = rng.standard_normal((n_examples, width))

    a, inputs, zs, outputs = x, [], [], []
    for W in weights:
        inputs.append(a)
        zs.append(a @ W)
        a = f.f(zs[-1])
        outputs.append(a)

    jacobian_sv = [
        np.mean([mean_singular_value(W, f.f_prime(z[e])) for e in range(jacobian_examples)])
        for W, z in zip(weights, zs)
        if jacobian_examples
    ]
    delta_std, grad_norm, dead, share, slope_rms = [], [], [], [], []
    upstream = top_gradient / n_examples  # dL/da_depth
    top_norm = float(np.linalg.norm(upstream))
    for k in reversed(range(depth) if backward else ()):
        slope = f.f_prime(zs[k])
        delta = upstream * slope
        delta_std.append(float(np.std(delta * n_examples)))
        grad_norm.append(float(np.linalg.norm(inputs[k].T @ delta)))
        dead.append(float(np.mean(np.all(slope == 0.0, axis=0))))
        share.append(float(np.linalg.norm(delta)) / top_norm)
        slope_rms.append(float(np.sqrt(np.mean(slope**2))))
        upstream = delta @ weights[k].T
    return DeepStats(
        activation=activation,
        init=init,
        z_std=np.array([float(np.std(z)) for z in zs]),
        a_mean=np.array([float(np.mean(o)) for o in outputs]),
        a_std=np.array([float(np.std(o)) for o in outputs]),
        dead=np.array(dead[::-1]),
        delta_std=np.array(delta_std[::-1]),
        grad_w_norm=np.array(grad_norm[::-1]),
        activations=outputs if keep_activations else [],
        saturated=np.array([float(np.mean(np.abs(o) > SATURATED)) for o in outputs]),
        jacobian_sv=np.array(jacobian_sv, dtype=float),
        delta_share=np.array(share[::-1]),
        slope_rms=np.array(slope_rms[::-1]),
    )
