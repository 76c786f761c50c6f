"""ReluFoldsThePlane: its counts, its geometry and its final frame."""

import inspect

import numpy as np
import relu_folding as S

import style
from framecheck import assert_final_frame_shows
from numeric import rectifiers, regions

SCENE = "ReluFoldsThePlane"


def forward(P):
    """The scene's network recomputed with numpy alone: hidden patterns and the output logit."""
    (W1, b1), (W2, b2), (w3, b3) = regions.layers(S.NET)
    z1 = P @ W1.T + b1
    z2 = np.maximum(z1, 0) @ W2.T + b2
    return z1, z2, (np.maximum(z2, 0) @ w3.T + b3)[:, 0]


def test_the_scene_shows_the_core_network_and_data():
    X, y = rectifiers.dataset()
    assert np.array_equal(S.X, X) and np.array_equal(S.Y, y) and S.NET is regions.network()
    assert S.architecture_text() == "2 → 8 → 8 → 1"
    z3 = forward(S.X)[2]
    assert S.accuracy_text() == f"{100 * np.mean((z3 > 0) == (S.Y == 1)):.0f} %"


def test_counts_on_screen_are_the_cores():
    assert S.all_regions() == regions.count() == len(regions.grid_patterns(regions.FINE_STEP))
    assert S.first_layer_regions() == regions.first_layer_count()


def test_every_crease_segment_lies_where_its_unit_is_zero():
    for layer in (1, 2, 3):
        for j, unit in enumerate(regions.creases(layer)):
            for seg in unit:
                # Points along the segment, pulled slightly inside it, away from the corners.
                t = np.linspace(0.05, 0.95, 7)[:, None]
                P = seg[0] + t * (seg[1] - seg[0])
                z = forward(P)[layer - 1]
                z = z[:, j] if z.ndim == 2 else z
                assert np.allclose(z, 0.0, atol=1e-9), (layer, j)


def test_an_off_unit_is_zero_on_its_region_and_no_region_collapses():
    """What the regions caption says: where a unit is off its output is 0 across the whole region,
    yet no region is pressed onto a line or a point (the network keeps rank 2 on each)."""
    n2 = regions.HIDDEN[1]
    for piece in regions.exact_regions():
        off = ~np.array(piece.pattern[-n2:])
        assert np.all(piece.A[off] == 0) and np.all(piece.c[off] == 0)
        assert np.linalg.matrix_rank(piece.A) == 2
    assert "its output is 0 across the whole region" in inspect.getsource(S)


def test_the_boundary_separates_the_moons():
    z3 = forward(S.X)[2]
    assert np.all((z3 > 0) == (S.Y == 1))
    assert S.boundary_pieces() >= 2


def test_final_frame_shows_the_moons_creases_and_boundary(site_build):
    video = site_build.root / site_build.scene(SCENE)["video"]
    assert_final_frame_shows(
        video, (style.CLASS_A, style.CLASS_B, style.BOUNDARY, S.CREASE_1, style.TEXT)
    )
