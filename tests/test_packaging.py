"""Every package folder is listed in pyproject.toml, so a non-editable install ships it."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT


def test_every_package_is_installed():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "detector").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)
