"""The README's layout table names every Python package of the project."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_layout_names_every_package():
    packages = sorted(
        init.parent.relative_to(ROOT).as_posix()
        for top in ("designer", "component_catalog")
        for init in (ROOT / top).rglob("__init__.py")
        if "migrations" not in init.parts and "frontend" not in init.parts
    )
    readme = (ROOT / "README.md").read_text()
    assert [package for package in packages if f"`{package}/`" not in readme] == []
