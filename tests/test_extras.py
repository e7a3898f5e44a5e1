"""A command whose optional libraries are not installed names the extra that installs them, in one line."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from news_statements.extras import EXTRA_OF, missing_extra

ROOT = Path(__file__).resolve().parent.parent


def test_a_missing_library_of_an_extra_is_one_line_naming_the_extra(capsys):
    code = missing_extra(
        ModuleNotFoundError("No module named 'pandera'", name="pandera.pandas"), "validate", "validate"
    )
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "needs pandera" in err and "'syria-offensive-2024[validate]'" in err and '".[validate]"' in err


def test_a_missing_module_no_extra_provides_is_raised_again():
    with pytest.raises(ModuleNotFoundError):
        missing_extra(
            ModuleNotFoundError("No module named 'news_statements.nothing'", name="news_statements.nothing"),
            "validate",
            "validate",
        )


def test_each_library_named_is_installed_by_its_extra_and_reading_needs_none_of_them():
    """The map of import names to extras agrees with pyproject.toml: each extra (with those it includes) lists the
    distribution, and the dependencies of a plain install list none of them."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]

    def names(requirements: list[str]) -> set[str]:
        found = set()
        for requirement in requirements:
            name = requirement.split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip().lower()
            if name == project["name"]:
                found |= names(extras[requirement.split("[")[1].rstrip("]")])
            else:
                found.add(name)
        return found

    distribution = {
        "yaml": "pyyaml",
        "ruamel": "ruamel.yaml",
        "sqlite_utils": "sqlite-utils",
        "referencing": "jsonschema",
    }
    for module, extra in EXTRA_OF.items():
        assert distribution.get(module, module) in names(extras[extra]), (module, extra)
    assert {distribution.get(m, m) for m in EXTRA_OF} & names(project["dependencies"]) == set()
