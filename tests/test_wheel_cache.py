"""The book's wheel download is built once per content of the package sources and copied to every edition
(``book.build.build_wheel``): the same sources never run pip twice, a changed source always does."""
from __future__ import annotations

from pathlib import Path

from territorial_trap_workbook.book import build


def fake_project(root: Path) -> Path:
    (root / "src" / "pkg").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf8")
    (root / "src" / "pkg" / "__init__.py").write_text("A = 1\n", encoding="utf8")
    return root


def counting_pip(monkeypatch) -> list[list[str]]:
    calls: list[list[str]] = []

    class Done:
        returncode, stderr = 0, ""

    def run(cmd, **_):
        calls.append(cmd)
        wheel_dir = Path(cmd[cmd.index("--wheel-dir") + 1])
        (wheel_dir / build.wheel_name()).write_bytes(f"wheel {len(calls)}".encode())
        return Done()

    monkeypatch.setattr(build.subprocess, "run", run)
    return calls


def test_the_same_sources_build_one_wheel_for_every_edition(tmp_path, monkeypatch):
    calls = counting_pip(monkeypatch)
    root = fake_project(tmp_path / "p")
    first = build.build_wheel(root, tmp_path / "student")
    second = build.build_wheel(root, tmp_path / "instructor")
    assert len(calls) == 1
    assert first.read_bytes() == second.read_bytes() == b"wheel 1"


def test_a_changed_source_builds_a_new_wheel(tmp_path, monkeypatch):
    calls = counting_pip(monkeypatch)
    root = fake_project(tmp_path / "p")
    build.build_wheel(root, tmp_path / "a")
    (root / "src" / "pkg" / "__init__.py").write_text("A = 2\n", encoding="utf8")
    changed = build.build_wheel(root, tmp_path / "b")
    assert len(calls) == 2 and changed.read_bytes() == b"wheel 2"
    (root / "src" / "pkg" / "__pycache__").mkdir()
    (root / "src" / "pkg" / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    build.build_wheel(root, tmp_path / "c")
    assert len(calls) == 2, "a compiled file is not a source"
