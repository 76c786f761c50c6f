"""Cache keys: what must change for a scene to be drawn again."""

from __future__ import annotations

import textwrap

from scripts import discover

SCENE = textwrap.dedent('''
    import math
    import contourpy
    from manim import Scene
    from helper import SIZE


    class Curve(Scene):
        """A curve."""
''')


def key_of(folder, monkeypatch, versions: dict[str, str]) -> str:
    monkeypatch.setattr(discover, "package_version", lambda name: versions.get(name, "absent"))
    (scene,) = discover.discover_scenes(folder, "preview")
    return scene.key


def test_a_new_version_of_an_imported_package_redraws_the_scene(tmp_path, monkeypatch):
    (tmp_path / "curve.py").write_text(SCENE)
    (tmp_path / "helper.py").write_text("SIZE = 2\n")
    base = {"manim": "0.22.0", "contourpy": "1.3.3", "numpy": "2.4.6", "math": "x", "helper": "y"}
    key = key_of(tmp_path, monkeypatch, base)
    assert key_of(tmp_path, monkeypatch, base) == key
    assert key_of(tmp_path, monkeypatch, {**base, "contourpy": "1.4.0"}) != key
    # the standard library, the project's own modules and packages it does not import do not count
    assert (
        key_of(tmp_path, monkeypatch, {**base, "math": "z", "helper": "z", "numpy": "3.0"}) == key
    )


def test_the_versions_named_are_the_installed_ones(tmp_path):
    (tmp_path / "curve.py").write_text(SCENE)
    (tmp_path / "helper.py").write_text("SIZE = 2\n")
    import contourpy
    import manim

    named = discover.third_party_versions({tmp_path / "curve.py"}, tmp_path)
    assert named == f"contourpy={contourpy.__version__},manim={manim.__version__}"


def test_a_data_file_an_imported_module_names_is_in_the_key(tmp_path, monkeypatch):
    """numeric/training.py reads bend_sweep.json beside it: a new sweep must redraw the scene
    (it once kept the old network's render, the module's source being unchanged)."""
    (tmp_path / "curve.py").write_text(SCENE)
    (tmp_path / "helper.py").write_text(
        'from pathlib import Path\nSIZE = 2\nSWEEP = Path(__file__).with_name("sweep.json")\n'
    )
    (tmp_path / "sweep.json").write_text('{"chosen": 1}\n')
    (tmp_path / "unnamed.json").write_text("{}\n")
    key = key_of(tmp_path, monkeypatch, {})
    (tmp_path / "unnamed.json").write_text('{"other": 2}\n')
    assert key_of(tmp_path, monkeypatch, {}) == key  # a file no module names does not count
    (tmp_path / "sweep.json").write_text('{"chosen": 2}\n')
    assert key_of(tmp_path, monkeypatch, {}) != key
