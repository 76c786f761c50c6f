"""DyingReLU: the run it shows, its counts and its final frame."""

import dying_relu as S

import style
from framecheck import assert_final_frame_shows
from numeric import rectifiers


def test_the_run_is_the_sweeps_typical_one():
    seed = rectifiers.representative_seed()
    stored = {r["seed"]: r for r in rectifiers.rows_of("relu", rectifiers.SHOWN_LR)}
    median = rectifiers.summary("relu", rectifiers.SHOWN_LR)[0]
    # No other seed (with a calm leaky run) ends nearer the median.
    calm = [
        r["seed"]
        for r in rectifiers.rows_of("leaky_relu", rectifiers.SHOWN_LR)
        if not r["diverged"]
    ]
    assert seed in calm
    assert all(abs(stored[seed]["dead"] - median) <= abs(stored[s]["dead"] - median) for s in calm)
    # The animation's last step is the stored run's end.
    end = S.last_step()
    assert S.counts("relu", end)[0] / S.units() == stored[seed]["dead"]
    assert end == rectifiers.EPOCHS * len(rectifiers.dataset()[0]) // rectifiers.BATCH


def test_the_scene_shows_the_full_runs_masks_at_its_steps():
    # The scene records its steps only; the run recorded after every step must agree there.
    for kind in S.KINDS:
        steps, dead, silent = S.run(kind)
        every, all_dead, all_silent = rectifiers.timeline(kind)
        assert list(steps) == list(S.shown_steps()) and steps[-1] == every[-1]
        assert (dead == all_dead[steps]).all() and (silent == all_silent[steps]).all()


def test_dead_relu_units_are_silent_and_leaky_units_never_dead():
    # Over every step of the run, not only the shown ones.
    _, dead, silent = rectifiers.timeline("relu")
    # A ReLU unit negative on every example is dead; a dead unit may also be one whose units
    # above pass it no gradient on the examples where it is active.
    assert not (silent & ~dead).any()
    assert silent[-1].sum() >= 0.5 * dead[-1].sum()
    _, leaky_dead, leaky_silent = rectifiers.timeline("leaky_relu")
    assert (
        not leaky_dead.any() and leaky_silent[-1].sum() == S.counts("leaky_relu", S.last_step())[1]
    )


def test_most_units_that_die_stay_dead():
    # The title's "most for good", over every step of the run.
    _, dead, _ = rectifiers.timeline("relu")
    ever = dead.any(axis=0)
    assert dead[-1].sum() > ever.sum() / 2


def test_units_die_in_the_first_steps():
    shares = S.relu_dead_shares()
    assert shares[S.FIRST_STEPS] >= 0.5 * shares[-1] > shares[0]


def test_final_frame_shows_both_networks(site_build):
    video = site_build.root / site_build.scene("DyingReLU")["video"]
    assert_final_frame_shows(
        video,
        (style.ACTIVATION_COLOURS["relu"], style.ACTIVATION_COLOURS["leaky_relu"], style.MUTED),
    )
