"""The numeric core: the single source of every number in the article, the figures and the videos.

Submodules, one job each:
- activations: sigmoid, tanh and their derivatives, the sigmoid's peak and significance band;
- chain: forward and backward pass of the article's scalar sigmoid chain x -> a1 -> a2 -> a3 -> L.
Scenes, figures and pages import from here; nothing here imports manim or matplotlib.
"""
