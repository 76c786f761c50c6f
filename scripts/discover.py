"""Find the scenes and figures a project has, and the cache keys that say when to redraw them.

Everything here reads source files with `ast`: it never imports manim, numpy or a scene, so the
no-op build stays fast and a scene with a syntax error is reported, not crashed on.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import importlib.util
import os
import sys
import types
from dataclasses import dataclass
from pathlib import Path

# Base classes that make a class a renderable manim scene.
SCENE_BASES = {
    "Scene",
    "MovingCameraScene",
    "ThreeDScene",
    "ZoomedScene",
    "VectorScene",
    "LinearTransformationScene",
    "SpecialThreeDScene",
}


# The palettes every scene is rendered in (scenes/style.py's PALETTES; the first is the page's
# default). The style module is named here so that its palette's colours, not its source, go
# into a scene's key: a colour changed in one palette re-renders only that palette's variants.
PALETTES = ("dark", "light")
STYLE_MODULE = "style.py"
PALETTE_VARIABLE = "ACTIVATION_PALETTE"


class SceneSourceError(Exception):
    """A scene module cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class SceneInfo:
    name: str  # the class name, which is also the output file stem
    title: str  # the first line of the class docstring
    module: Path  # the source file, absolute
    key: str  # content hash: what must change for the scene to be re-rendered
    palette: str = "dark"  # which of style.py's palettes it is drawn in (ACTIVATION_PALETTE)

    @property
    def label(self) -> str:
        """The name a person reads in the build's output: `Name` or `Name (light)`."""
        return self.name if self.palette == PALETTES[0] else f"{self.name} ({self.palette})"

    def module_rel(self, root: Path) -> str:
        return self.module.relative_to(root).as_posix()


def _parse(path: Path) -> ast.Module:
    try:
        return ast.parse(path.read_bytes(), filename=str(path))
    except SyntaxError as e:
        raise SceneSourceError(f"{path}:{e.lineno}: syntax error: {e.msg}") from e


def imported_names(path: Path) -> set[str]:
    """The top-level names of the absolute imports in one module (`numpy` for `numpy.linalg`)."""
    names = set()
    for node in ast.walk(_parse(path)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names


def third_party_versions(paths, source_root: Path) -> str:
    """'name=version' of every installed package the modules import (not the standard library,
    not the project's own modules): a new contourpy may draw a different curve."""
    names = (
        set().union(*(imported_names(p) for p in paths))
        - set(sys.stdlib_module_names)
        - {"__future__"}
    )
    local = {n for n in names if _resolve(n, source_root)}
    return ",".join(f"{n}={package_version(n)}" for n in sorted(names - local))


def local_imports(path: Path, source_root: Path) -> set[Path]:
    """The project modules `path` imports, transitively, resolved against `source_root`."""
    seen: set[Path] = set()
    todo = [path]
    while todo:
        current = todo.pop()
        for node in ast.walk(_parse(current)):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative import inside a package
                    base = current.parent
                    for _ in range(node.level - 1):
                        base = base.parent
                    prefix = base.relative_to(source_root).parts
                    mod = [*prefix, *(node.module.split(".") if node.module else [])]
                    names = [".".join(mod)] + [".".join([*mod, a.name]) for a in node.names]
                else:
                    names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                for found in _resolve(name, source_root):
                    if found not in seen and found != path:
                        seen.add(found)
                        todo.append(found)
    return seen


def _resolve(dotted: str, root: Path) -> list[Path]:
    """A dotted module name as files under root: the module and every package __init__ on the way."""
    parts = dotted.split(".")
    found = []
    for i in range(1, len(parts) + 1):
        stem = root.joinpath(*parts[:i])
        if (stem / "__init__.py").is_file():
            found.append(stem / "__init__.py")
        elif stem.with_suffix(".py").is_file():
            found.append(stem.with_suffix(".py"))
            break
        else:
            break
    return found


def _scene_classes(tree: ast.Module) -> list[ast.ClassDef]:
    """Classes that derive from a manim scene class, directly or through a class in the module."""
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    scene_like = set(SCENE_BASES)
    changed = True
    while changed:  # follow local base classes until nothing new is found
        changed = False
        for name, node in classes.items():
            bases = {
                b.id if isinstance(b, ast.Name) else getattr(b, "attr", None) for b in node.bases
            }
            if name not in scene_like and bases & scene_like:
                scene_like.add(name)
                changed = True
    return [
        node
        for name, node in classes.items()
        if name in scene_like
        and name not in SCENE_BASES
        and not name.startswith("_")
        and not _is_abstract(node)
    ]


def _is_abstract(node: ast.ClassDef) -> bool:
    """A base class meant only to be subclassed says so with `abstract = True` in its body."""
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and any(
            getattr(t, "id", None) == "abstract" for t in stmt.targets
        ):
            return isinstance(stmt.value, ast.Constant) and stmt.value.value is True
    return False


DATA_SUFFIXES = (".json", ".csv", ".npz")


def data_files(module: Path) -> set[Path]:
    """Data files a module names beside itself (a string such as "bend_sweep.json"): what they
    hold changes what a scene draws, so they belong in its key like the module's source."""
    names = {
        n.value
        for n in ast.walk(_parse(module))
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }
    return {
        module.parent / name
        for name in names
        if "/" not in name and name.endswith(DATA_SUFFIXES) and (module.parent / name).is_file()
    }


def files_digest(paths, root: Path) -> str:
    """A hash of several files' names (relative to root) and contents, order-independent."""
    h = hashlib.sha256()
    for p in sorted(paths, key=lambda p: p.as_posix()):
        h.update(p.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def package_version(name: str) -> str:
    """The installed version of a distribution, or of the one that provides an import name
    (`PIL` is pillow's); the slow map of import names is read only when the name differs."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        dists = _distributions_by_import_name().get(name)
        return importlib.metadata.version(dists[0]) if dists else "absent"


@functools.cache
def _distributions_by_import_name() -> dict[str, list[str]]:
    return importlib.metadata.packages_distributions()


def latex_template_digest() -> str:
    """manim's LaTeX template lives in its source; hash that file without importing manim."""
    spec = importlib.util.find_spec("manim")
    if spec is None or spec.origin is None:
        return "absent"
    template = Path(spec.origin).parent / "utils" / "tex_templates.py"
    return hashlib.sha256(template.read_bytes()).hexdigest() if template.exists() else "absent"


def palette_digest(style_file: Path, palette: str) -> str:
    """What the style module gives a scene drawn in `palette`: every value it defines (colours,
    sizes, fonts) in that palette, and the code of its functions and classes. Comments, and
    the other palette's values, are not in it. Running style.py is cheap (it imports only the
    standard library), but a value that cannot be written down stably falls back to its source."""
    source = style_file.read_text()
    namespace: dict = {"__name__": f"style_{palette}", "__file__": str(style_file)}
    previous = os.environ.get(PALETTE_VARIABLE)
    os.environ[PALETTE_VARIABLE] = palette
    try:
        exec(compile(source, str(style_file), "exec"), namespace)
    except Exception as e:
        raise SceneSourceError(
            f"{style_file}: cannot be loaded in the {palette} palette: {e}"
        ) from e
    finally:
        if previous is None:
            os.environ.pop(PALETTE_VARIABLE, None)
        else:
            os.environ[PALETTE_VARIABLE] = previous
    code = {
        node.name: ast.dump(node)
        for node in _parse(style_file).body
        if isinstance(node, (ast.FunctionDef, ast.ClassDef))
    }
    values = {
        name: code.get(name) or repr(value)
        for name, value in namespace.items()
        if not name.startswith("__") and not isinstance(value, types.ModuleType)
    }
    text = repr(sorted(values.items()))
    if " at 0x" in text:  # an object without a stable repr: its source must stand in
        text = source
    return hashlib.sha256(f"{palette}|{text}".encode()).hexdigest()


def discover_scenes(
    scene_dir: Path, render_settings: str, palette: str = PALETTES[0]
) -> list[SceneInfo]:
    """Every scene class in scene_dir/*.py, each with its cache key for one palette.

    The key covers the module's source and every local module it imports (transitively), the
    data files those name beside themselves (numeric/bend_sweep.json), the
    versions of the installed packages those import (manim, numpy, contourpy...), the LaTeX
    template, `render_settings` (quality and encoder settings) and the palette: for the style
    module, what it defines in that palette (`palette_digest`) stands in for its source.
    """
    scene_dir = scene_dir.resolve()
    if palette not in PALETTES:
        raise ValueError(f"palette {palette!r}: choose one of {', '.join(PALETTES)}")
    style_file = scene_dir / STYLE_MODULE
    environment = "|".join(
        [package_version("manim"), latex_template_digest(), render_settings, palette]
    )
    style_digest = palette_digest(style_file, palette) if style_file.is_file() else ""
    scenes = []
    for path in sorted(scene_dir.glob("*.py")):
        tree = _parse(path)
        classes = _scene_classes(tree)
        if not classes:
            continue
        sources = {path} | local_imports(path, scene_dir)
        data = {d for source in sources for d in data_files(source)}
        module_digest = files_digest((sources | data) - {style_file}, scene_dir)
        if style_file in sources:
            module_digest += style_digest
        module_digest += third_party_versions(sources, scene_dir)
        for node in classes:
            doc = ast.get_docstring(node) or node.name
            title = doc.strip().splitlines()[0].strip()
            key = hashlib.sha256(f"{module_digest}|{environment}|{node.name}".encode()).hexdigest()[
                :24
            ]
            scenes.append(SceneInfo(node.name, title, path, key, palette))
    names = [s.name for s in scenes]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise SceneSourceError(f"scene names must be unique across {scene_dir}: {sorted(dupes)}")
    return scenes
