"""The layering of docs/architecture.md ("Rules"), as import-linter contracts in pyproject.toml:
the store never imports extraction, comparison or embedding; extraction never imports the store;
nothing imports the CLI. A test, not only ``make lint``, so that ``pytest`` alone catches a
broken layer, and so that the contracts are shown to fail when broken, not merely to pass."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CONTRACTS = ("The store never imports", "Extraction never imports the store", "Nothing imports the CLI")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` over the ``factrack`` package under ``root``, with ``root``'s pyproject.toml."""
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, "-c", code, "--no-cache", "--no-logo", str(root / "pyproject.toml")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=120)


def copy_package(dest: Path) -> Path:
    """The package's Python files and pyproject.toml under ``dest`` (no data: imports are all that count)."""
    for py in (REPO / "factrack").rglob("*.py"):
        target = dest / py.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(py, target)
    shutil.copyfile(REPO / "pyproject.toml", dest / "pyproject.toml")
    return dest


def test_the_package_keeps_every_contract() -> None:
    run = lint_imports(REPO)
    assert run.returncode == 0, run.stdout + run.stderr
    for name in CONTRACTS:
        assert f"{name}" in run.stdout
    assert "0 broken" in run.stdout


@pytest.mark.parametrize(("module", "forbidden", "contract"), [
    ("store/schema.py", "factrack.extract", "The store never imports"),
    ("store/claimtable.py", "factrack.embed.base", "The store never imports"),
    ("extract/tables.py", "factrack.store", "Extraction never imports the store"),
    ("report.py", "factrack.cli", "Nothing imports the CLI"),
])
def test_a_forbidden_import_breaks_its_contract(tmp_path: Path, module: str, forbidden: str, contract: str) -> None:
    root = copy_package(tmp_path)
    path = root / "factrack" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\nimport {forbidden}  # forbidden\n", encoding="utf-8")
    run = lint_imports(root)
    assert run.returncode != 0, run.stdout
    assert f"{contract}" in run.stdout and "BROKEN" in run.stdout, run.stdout


def test_an_indirect_import_of_the_cli_breaks_it_too(tmp_path: Path) -> None:
    """Through another module: the show module importing a helper that imports the CLI."""
    root = copy_package(tmp_path)
    (root / "factrack" / "helper.py").write_text("import factrack.cli\n", encoding="utf-8")
    show = root / "factrack" / "show.py"
    show.write_text(show.read_text(encoding="utf-8") + "\nimport factrack.helper\n", encoding="utf-8")
    run = lint_imports(root)
    assert run.returncode != 0 and "Nothing imports the CLI BROKEN" in run.stdout, run.stdout


def test_the_cli_contract_names_every_module_but_the_cli() -> None:
    """A new module is covered only once it is listed: fail until it is."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["name"] == "Nothing imports the CLI")
    modules = {f"factrack.{p.stem}" for p in (REPO / "factrack").glob("*.py") if p.stem != "__init__"}
    modules |= {f"factrack.{p.parent.name}" for p in (REPO / "factrack").glob("*/__init__.py")}
    assert set(contract["source_modules"]) == modules - {"factrack.cli", "factrack.__main__"}


def test_no_test_module_imports_another() -> None:
    """Shared test code is ``tests.support`` (imported by name) or a fixture of ``tests/conftest.py``;
    a test module imported from another through pytest's sys.path ties them together unseen."""
    import ast

    tests = REPO / "tests"
    local = {p.stem for p in tests.glob("*.py")} - {"__init__"}
    found = []
    for path in sorted(tests.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            for name in names:
                head, _, rest = name.partition(".")
                if head in local or (head == "tests" and rest.split(".")[0] not in {"", "support"}):
                    found.append(f"{path.name}:{node.lineno} imports {name}")
    assert found == []
