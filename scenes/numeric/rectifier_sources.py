"""What others state about rectifiers, with where they state it: the anchors chapter 2 sets beside
its own numbers. Nothing here is computed; tests check our side against these.
No manim or matplotlib here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    who: str
    says: str
    where: str  # an address a reader can open


# ReLU's derivative at 0, where max(0, z) has a corner: what each framework's backward pass
# returns. All three give 0, as numeric.activations.relu_prime does.
RELU_AT_ZERO = {
    "PyTorch": (
        0.0,
        Source(
            "PyTorch",
            "relu's backward is threshold_backward(grad, result, 0): the gradient passes only "
            "where the output is above 0",
            "https://github.com/pytorch/pytorch/blob/main/tools/autograd/derivatives.yaml",
        ),
    ),
    "TensorFlow": (
        0.0,
        Source(
            "TensorFlow",
            "ReluGrad computes gradients * (features > 0): 'When the activation is exactly zero, "
            "we do not propagate the associated gradient value'",
            "https://github.com/tensorflow/tensorflow/blob/master/tensorflow/core/kernels/relu_op_functor.h",
        ),
    ),
    "JAX": (
        0.0,
        Source(
            "JAX",
            "jax.nn.relu: 'except under differentiation, we take: grad relu(0) = 0'",
            "https://docs.jax.dev/en/latest/_autosummary/jax.nn.relu.html",
        ),
    ),
}

# Leaky ReLU's default negative slope in each framework's API: they disagree. Ours is
# numeric.activations.LEAKY_SLOPE (0.01), PyTorch's and JAX's.
LEAKY_DEFAULTS = {
    "PyTorch": (
        0.01,
        Source(
            "PyTorch",
            "torch.nn.LeakyReLU(negative_slope=0.01, inplace=False)",
            "https://docs.pytorch.org/docs/stable/generated/torch.nn.LeakyReLU.html",
        ),
    ),
    "JAX": (
        0.01,
        Source(
            "JAX",
            "jax.nn.leaky_relu(x, negative_slope=0.01)",
            "https://docs.jax.dev/en/latest/_autosummary/jax.nn.leaky_relu.html",
        ),
    ),
    "TensorFlow": (
        0.2,
        Source(
            "TensorFlow",
            "tf.nn.leaky_relu(features, alpha=0.2, name=None)",
            "https://www.tensorflow.org/api_docs/python/tf/nn/leaky_relu",
        ),
    ),
    "Keras": (
        0.3,
        Source(
            "Keras",
            "keras.layers.LeakyReLU(negative_slope=0.3, **kwargs)",
            "https://keras.io/api/layers/activation_layers/leaky_relu/",
        ),
    ),
}

# CS231n, "Neural Networks Part 1", Commonly used activation functions: "you may find that as
# much as 40% of your network can be 'dead' ... if the learning rate is set too high".
CS231N_DEAD = 0.40
CS231N = Source(
    "CS231n",
    "as much as 40% of your network can be dead if the learning rate is set too high",
    "https://cs231n.github.io/neural-networks-1/#actfun",
)

# He, Zhang, Ren and Sun, "Delving Deep into Rectifiers" (ICCV 2015), section 2.1: PReLU's
# slopes start at 0.25 and get no weight decay; Table 1, "a small but deep 14-layer model" on
# ImageNet, lists the slopes each layer learned: "the first conv layer (conv1) has coefficients
# (0.681 and 0.596) significantly greater than 0" (its two variants: one slope shared by the
# layer, and one per channel, whose average the table gives), "for the channel-wise version, the deeper conv layers in general have smaller
# coefficients", and "the learned coefficients rarely have a magnitude larger than 1". They update
# the slopes "with the momentum method". Section 4 / Table 2: the same network with every ReLU
# replaced by PReLU reaches a top-1 error of 32.64%, 1.2% lower than with ReLU.
HE_INIT = 0.25
HE_LAYERS = 14
HE_CONV1_SLOPES = (0.681, 0.596)
HE_SLOPES_RARELY_ABOVE = 1.0
HE_PRELU_TOP1_ERROR = 0.3264
HE_TOP1_GAIN = 0.012
HE = Source(
    "He et al. 2015",
    "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification",
    "https://arxiv.org/abs/1502.01852v1",
)
