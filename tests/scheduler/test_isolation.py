"""scheduler/ must never import Flask, SQLAlchemy or the web app."""

from __future__ import annotations

import ast
from pathlib import Path

import scheduler

FORBIDDEN = {"flask", "sqlalchemy", "app", "flask_sqlalchemy", "flask_login", "flask_wtf"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_scheduler_imports_no_web_or_database_package() -> None:
    root = Path(scheduler.__file__).parent
    files = sorted(root.rglob("*.py"))
    assert files
    offenders = {str(p.relative_to(root)): _imports(p) & FORBIDDEN for p in files}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_scan_would_catch_a_flask_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from flask import Flask\nimport sqlalchemy.orm\n", encoding="utf-8")
    assert _imports(bad) & FORBIDDEN == {"flask", "sqlalchemy"}
