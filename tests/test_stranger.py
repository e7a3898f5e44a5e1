"""The project as a stranger meets it: `pip install` of a clone into a new environment, used from an empty
directory with no network; the release archive unzipped; the validator in someone else's CI (the GitHub
Action's steps and the pre-commit hook on a temporary repository). Tests inside the checkout cannot see
what the wheel or the archive lacks; these can.

Installs use the project's pins (PIP_CONSTRAINT=requirements.lock) so that a new release of a dependency
cannot make CI flaky; the commands are otherwise the README's, run as written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
import yaml

from news_statements.metadata import package_metadata, tables
from syria_offensive.release import write_archive
from tests.readme_blocks import runnable

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
OFFLINE = ["unshare", "--net"] if shutil.which("unshare") and os.geteuid() == 0 else []


def run(command: list[str], cwd: Path, env: dict, offline: bool = False, **kwargs) -> subprocess.CompletedProcess:
    prefix = OFFLINE if offline else []
    return subprocess.run([*prefix, *command], cwd=cwd, env=env, capture_output=True, text=True, check=False, **kwargs)


def working_tree_copy(target: Path) -> Path:
    """The files a commit of the working tree would hold (tracked and new, not ignored), as a plain folder."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listing.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def stranger(tmp_path_factory) -> dict:
    """A clone's copy, a new virtual environment with the project installed as the README says, an empty
    working directory and the environment variables of a user who set nothing."""
    base = tmp_path_factory.mktemp("stranger")
    clone = working_tree_copy(base / "clone")
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True)
    env = {
        "PATH": f"{env_dir / 'bin'}{os.pathsep}/usr/local/bin:/usr/bin:/bin",
        "HOME": str(base / "home"),
        "LANG": "C.UTF-8",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_CONSTRAINT": str(clone / "requirements.lock"),
    }
    env.update({k: v for k, v in os.environ.items() if k.startswith("PIP_") and k not in env})
    (install,) = runnable(README, "checkout-install", "sh")
    result = run(["bash", "-euo", "pipefail", "-c", install.code], clone, env)
    assert result.returncode == 0, result.stdout + result.stderr
    empty = base / "empty"
    empty.mkdir()
    return {"clone": clone, "env": env, "python": str(env_dir / "bin" / "python"), "empty": empty, "base": base}


@pytest.fixture(scope="module")
def release_zip(tmp_path_factory) -> Path:
    version = package_metadata()["version"]
    target = tmp_path_factory.mktemp("release") / f"{package_metadata()['name']}-{version}.zip"
    write_archive(ROOT / "datasets", target, version)
    return target


def cli(stranger: dict, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return run(["syria-offensive", *args], cwd or stranger["empty"], stranger["env"], offline=True)


def test_load_offline_from_an_empty_directory_gives_every_table_typed_by_the_schema(stranger):
    probe = (
        "import json, syria_offensive\n"
        "frames = syria_offensive.load()\n"
        "print(json.dumps({n: [len(f), {c: str(t) for c, t in f.dtypes.items()}] for n, f in frames.items()}))\n"
    )
    result = run([stranger["python"], "-c", probe], stranger["empty"], stranger["env"], offline=True)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    expected = {
        name: {field: str(dtype) for field, dtype in table.pandas_dtypes(categoricals=True).items()}
        for name, table in tables().items()
    }
    assert {name: dtypes for name, (_, dtypes) in found.items()} == expected
    committed = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    assert all(found[r["name"]][0] > 0 for r in committed["resources"] if "schema" in r)


@pytest.mark.parametrize("language", ["python", "sh"])
def test_readme_blocks_for_installed_users_run_from_an_empty_directory(stranger, language, tmp_path):
    blocks = runnable(README, "installed", language)
    assert blocks, f"README.md has no {language} block for installed users"
    for block in blocks:
        workdir = tmp_path / f"line-{block.line}"
        workdir.mkdir()
        command = [stranger["python"], "-c"] if language == "python" else ["bash", "-euo", "pipefail", "-c"]
        result = run([*command, block.code], workdir, stranger["env"], offline=True)
        assert result.returncode == 0, f"README.md:{block.line}\n{result.stdout}\n{result.stderr}"


def test_the_command_line_validates_the_bundled_package_and_the_release_zip(stranger, release_zip):
    path = cli(stranger, "path")
    assert path.returncode == 0 and Path(path.stdout.strip(), "datapackage.json").is_file(), path.stderr
    assert "site-packages" in path.stdout  # the wheel's copy, not the checkout's
    for target in (path.stdout.strip(), str(release_zip)):
        result = cli(stranger, "validate", target)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "valid" in result.stdout.splitlines()[-1]


def test_the_command_line_rejects_a_damaged_copy_naming_the_offending_id(stranger, tmp_path):
    copy = tmp_path / "copy"
    exported = cli(stranger, "export", str(copy))
    assert exported.returncode == 0, exported.stderr
    statements = (copy / "statements.csv").read_text(encoding="utf-8").splitlines()
    header = statements[0].split(",")
    cells = statements[1].split(",")
    cells[header.index("speaker_id")] = "nobody-at-all"
    statements[1] = ",".join(cells)
    (copy / "statements.csv").write_text("\n".join(statements) + "\n", encoding="utf-8")
    result = cli(stranger, "validate", str(copy), "--format", "csv")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "nobody-at-all" in result.stdout and "INVALID" in result.stdout
    report = cli(stranger, "validate", str(copy), "--format", "csv", "--json")
    assert report.returncode == 1 and json.loads(report.stdout)["valid"] is False


def test_the_command_line_names_a_missing_path_and_refuses_to_overwrite(stranger, tmp_path):
    missing = cli(stranger, "validate", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and str(tmp_path / "nowhere") in missing.stderr
    assert "Traceback" not in missing.stderr
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "mine.txt").write_text("keep me", encoding="utf-8")
    refused = cli(stranger, "export", str(tmp_path / "taken"))
    assert refused.returncode == 2 and "not an empty folder" in refused.stderr
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["mine.txt"]
    helped = cli(stranger, "--help")
    assert helped.returncode == 0 and all(word in helped.stdout for word in ("validate", "path", "export"))


def test_the_unzipped_release_holds_what_its_readme_promises(stranger, release_zip, tmp_path):
    with zipfile.ZipFile(release_zip) as zf:
        zf.extractall(tmp_path)
    (root,) = tmp_path.iterdir()
    card = (root / "README.md").read_text(encoding="utf-8")
    named = ["datasets/datapackage.json", "docs/data-dictionary.md", "sources/*.yaml", "LICENSE", "LICENSE-DATA"]
    for name in [*named, "CHANGELOG.md", "CITATION.cff"]:
        assert name in card, f"the card no longer names {name}: update this list"
        assert list(root.glob(name)), f"the card names {name}, which the archive lacks"
    links = [link for link in _links(card) if "://" not in link]
    assert links and all((root / link.split("#")[0]).exists() for link in links if not link.startswith("#")), links
    anchors = {"#" + h.lstrip("#").strip().lower().replace(" ", "-") for h in card.splitlines() if h.startswith("#")}
    assert {link for link in links if link.startswith("#")} <= anchors
    for language in ("python", "sh"):
        for block in runnable(root / "README.md", "release", language):
            command = [stranger["python"], "-c"] if language == "python" else ["bash", "-euo", "pipefail", "-c"]
            result = run([*command, block.code], root, stranger["env"], offline=True)
            assert result.returncode == 0, f"release README.md:{block.line}\n{result.stdout}\n{result.stderr}"
    checked = cli(stranger, "validate", str(root))  # the unzipped root, not only its datasets/
    assert checked.returncode == 0, checked.stdout + checked.stderr
    loaded = run(
        [
            stranger["python"],
            "-c",
            f"import syria_offensive as s; print(len(s.load('statements', path={str(root)!r})))",
        ],
        stranger["empty"],
        stranger["env"],
        offline=True,
    )
    assert loaded.returncode == 0 and int(loaded.stdout) > 0, loaded.stderr


def _links(markdown: str) -> list[str]:
    import re

    return re.findall(r"\]\(([^)\s]+)\)", markdown)


def test_the_github_actions_steps_validate_a_workspace(stranger, tmp_path):
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    (usage,) = runnable(README, "action", "yaml")
    (step,) = yaml.safe_load(usage.code)
    assert set(step["with"]) <= set(action["inputs"])
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "datasets", workspace / "datasets")
    inputs = {name: spec["default"] for name, spec in action["inputs"].items()}
    for command in [s["run"] for s in action["runs"]["steps"] if "run" in s]:
        command = command.replace("${{ github.action_path }}", str(stranger["clone"]))
        for name, value in inputs.items():
            command = command.replace(f"${{{{ inputs.{name} }}}}", value)
        result = run(["bash", "-euo", "pipefail", "-c", command], workspace, stranger["env"])
        assert result.returncode == 0, command + "\n" + result.stdout + result.stderr


def test_the_pre_commit_hook_passes_a_good_copy_and_fails_a_damaged_one(stranger, tmp_path):
    git = {**stranger["env"], "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    git.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org", PRE_COMMIT_HOME=str(tmp_path / "cache"))
    hooks = tmp_path / "hooks-repo"
    shutil.copytree(stranger["clone"], hooks)
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "hooks"]):
        assert run(command, hooks, git).returncode == 0
    rev = run(["git", "rev-parse", "HEAD"], hooks, git).stdout.strip()
    (usage,) = runnable(README, "pre-commit", "yaml")
    config = usage.code.replace("<URL of this repository>", str(hooks)).replace("<release tag or commit>", rev)
    user = tmp_path / "user-repo"
    shutil.copytree(ROOT / "datasets", user / "datasets")
    (user / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    for command in (["git", "init", "-q"], ["git", "add", "-A"]):
        assert run(command, user, git).returncode == 0
    pre_commit = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    good = run(pre_commit, user, git, timeout=1200)
    assert good.returncode == 0, good.stdout + good.stderr
    actors = user / "datasets" / "actors.csv"
    lines = actors.read_text(encoding="utf-8").splitlines()
    actor = lines[1].split(",")[0]
    actors.write_text("\n".join([lines[0], lines[1], lines[1], *lines[2:]]) + "\n", encoding="utf-8")
    bad = run(pre_commit, user, git, timeout=1200)
    assert bad.returncode == 1 and actor in bad.stdout, bad.stdout + bad.stderr


def test_a_new_corpus_is_started_curated_built_validated_loaded_browsed_and_drawn(stranger, tmp_path):
    """README's "Start your own corpus" as a stranger runs it: the installed command line from an empty directory,
    with a fictitious article (tests/fixtures/ficta) added between the blocks as a curator would add it."""
    (install,) = runnable(README, "own-corpus-install", "sh")
    result = run(["bash", "-euo", "pipefail", "-c", install.code], stranger["clone"], stranger["env"])
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = runnable(README, "own-corpus", "sh")
    workdir = tmp_path / "work"
    workdir.mkdir()
    script = ["bash", "-euo", "pipefail", "-c"]
    result = run([*script, first.code], workdir, stranger["env"], offline=True)
    assert result.returncode == 0, f"README.md:{first.line}\n{result.stdout}\n{result.stderr}"
    ficta = ROOT / "tests" / "fixtures" / "ficta"
    for folder in ("sources", "curation"):
        shutil.copytree(ficta / folder, workdir / "my-corpus" / folder, dirs_exist_ok=True)
    result = run([*script, second.code], workdir, stranger["env"], offline=True)
    assert result.returncode == 0, f"README.md:{second.line}\n{result.stdout}\n{result.stderr}"
    assert "datasets: valid" in result.stdout
    assert "ficta-norland-accuses-ostria" in result.stdout  # (load() printed the statements)
    corpus = workdir / "my-corpus"
    assert (corpus / "dist" / "my-corpus.db").is_file() and (corpus / "dist" / "my-corpus-0.1.0.zip").is_file()
    assert len(list((corpus / "docs" / "pictures").glob("*.png"))) == 6
    query = "import sqlite3; db = sqlite3.connect('dist/my-corpus.db')\n"
    query += "print(db.execute('select count(*) from statements').fetchone()[0])"
    counted = run([stranger["python"], "-c", query], corpus, stranger["env"], offline=True)
    assert counted.stdout.strip() == "3", counted.stderr
