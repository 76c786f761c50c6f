"""The build split in two (scripts/fanout.py), on the tiny fixture project: each render job in a
clean copy of its own, their cache entries gathered into another, assembled there.

This is what the publish workflow's matrix does on separate runners; scripts/fanout_sim.py does
the same to the real book and times it.
"""

from __future__ import annotations

import json
import shutil

from test_pipeline import both, build, make_project, rendered, snapshot

from scripts.fanout import job_key

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def site_digests(project) -> dict[str, str]:
    return {k: v[1] for k, v in snapshot(project / "site").items()}


def test_render_jobs_are_the_scenes_with_the_keys_of_their_cache_entries(tmp_path):
    project = make_project(tmp_path / "project")
    listed = build(project, "--list-jobs")
    assert listed.returncode == 0, listed.log
    jobs = json.loads(listed.stdout)
    assert sorted(j["name"] for j in jobs) == ["GrowingSquare", "MovingDot"]
    whole = build(project)
    assert whole.returncode == 0, whole.log
    # Each scene renders in both palettes: two cache entries, one job whose key covers both.
    keys: dict[str, list[str]] = {}
    for entry in (project / ".cache" / "renders").iterdir():
        name, key = entry.name.rsplit("-", 1)
        keys.setdefault(name, []).append(key)
    assert sorted(keys) == ["GrowingSquare", "MovingDot"]
    assert all(len(k) == 2 for k in keys.values()), keys
    assert {j["name"]: j["key"] for j in jobs} == {n: job_key(k) for n, k in keys.items()}


def test_one_job_per_copy_then_assembly_renders_nothing_and_gives_the_same_site(tmp_path):
    one_machine = make_project(tmp_path / "one-machine")
    proc = build(one_machine, env=EPOCH)
    assert proc.returncode == 0, proc.log

    gathered = make_project(tmp_path / "assembly")
    for name in ("MovingDot", "GrowingSquare"):
        runner = make_project(tmp_path / f"runner-{name}")
        proc = build(runner, "--render-only", name)
        assert proc.returncode == 0, proc.log
        assert rendered(proc) == both(name)  # that scene in both palettes, and only it
        assert not (runner / "site").exists()
        # what the workflow's artifacts carry: the runner's whole .cache, merged
        shutil.copytree(runner / ".cache", gathered / ".cache", dirs_exist_ok=True)

    proc = build(gathered, "--assemble-only", env=EPOCH)
    assert proc.returncode == 0, proc.log
    assert rendered(proc) == []
    assert "(0 renders," in proc.log
    assert site_digests(gathered) == site_digests(one_machine)


def test_assembly_with_a_render_missing_fails_naming_it_and_renders_nothing(tmp_path):
    runner = make_project(tmp_path / "runner")
    assert build(runner, "--render-only", "MovingDot").returncode == 0
    proc = build(runner, "--assemble-only")
    assert proc.returncode == 1
    assert rendered(proc) == []
    assert "GrowingSquare" in proc.stderr and "MovingDot" not in proc.stderr
    assert 'make render SCENES="GrowingSquare"' in proc.stderr
    assert not (runner / "site").exists()
    assert sorted(p.name.split("-")[0] for p in (runner / ".cache" / "renders").iterdir()) == [
        "MovingDot",
        "MovingDot",  # its dark and its light render
    ]


def test_an_unknown_render_job_fails_listing_the_jobs(tmp_path):
    project = make_project(tmp_path / "project")
    proc = build(project, "--render-only", "MovingDott")
    assert proc.returncode == 1
    assert "MovingDott" in proc.stderr
    assert "MovingDot GrowingSquare" in proc.stderr
    assert rendered(proc) == []


def test_variants_under_one_scene_name_are_one_job_keyed_by_all_of_them(tmp_path, monkeypatch):
    from scripts import fanout
    from scripts.discover import SceneInfo
    from scripts.layout import Layout

    module = tmp_path / "scene.py"
    dark, light = (SceneInfo("Wave", "A wave", module, key) for key in ("a" * 24, "b" * 24))
    other = SceneInfo("Dot", "A dot", module, "c" * 24)
    monkeypatch.setattr(fanout, "discover", lambda layout, settings: [dark, light, other])
    jobs = fanout.render_jobs(Layout.of(tmp_path, "preview"))
    assert [j["name"] for j in jobs] == ["Wave", "Dot"]
    assert jobs[0]["key"] not in (dark.key, light.key)  # a new render of either: a new entry
    assert jobs[1]["key"] == other.key
    assert fanout._select([dark, light, other], ["Wave"], figures=False) == [dark, light]
