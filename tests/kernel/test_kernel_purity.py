"""The kernel must stay importable without Django or other yichuang apps."""

import ast
import sys
from pathlib import Path

import pytest

KERNEL_DIR = Path(__file__).resolve().parents[2] / "src" / "yichuang" / "kernel"
KERNEL_PACKAGE = "yichuang.kernel"
ALLOWED_THIRD_PARTY = {"stdnum", "phonenumbers", "opencc", "pypinyin", "numpy", "datasketch", "ortools"}


def _module_package(path: Path) -> str:
    """Dotted package a kernel file's relative imports are resolved against."""
    parts = [KERNEL_PACKAGE, *path.relative_to(KERNEL_DIR).parent.parts]
    return ".".join(p for p in parts if p)


def imported_modules(source: str, package: str) -> set[str]:
    """Absolute names of every module imported in ``source``."""
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                modules.add(".".join([*base, *([node.module] if node.module else [])]))
            else:
                modules.add(node.module)
    return modules


def _kernel_imports() -> dict[str, set[str]]:
    return {
        str(path.relative_to(KERNEL_DIR)): imported_modules(
            path.read_text(encoding="utf-8"), _module_package(path)
        )
        for path in sorted(KERNEL_DIR.rglob("*.py"))
    }


def _is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_kernel_purity_files_found():
    assert {"identifiers.py", "money.py", "chinese.py"} <= set(_kernel_imports())


def test_kernel_purity_checker_detects_django_and_relative_imports():
    source = "from django.db import models\nfrom .. import demo\nfrom . import money\n"

    found = imported_modules(source, KERNEL_PACKAGE)

    assert found == {"django.db", "yichuang", "yichuang.kernel"}


def test_kernel_purity_no_django_imports():
    offending = {
        name: sorted(m for m in modules if _is_within(m, "django"))
        for name, modules in _kernel_imports().items()
    }

    assert {name: mods for name, mods in offending.items() if mods} == {}


def test_kernel_purity_no_yichuang_imports_outside_kernel():
    offending = {
        name: sorted(
            m for m in modules if _is_within(m, "yichuang") and not _is_within(m, KERNEL_PACKAGE)
        )
        for name, modules in _kernel_imports().items()
    }

    assert {name: mods for name, mods in offending.items() if mods} == {}


@pytest.mark.parametrize("name", sorted(_kernel_imports()))
def test_kernel_purity_only_stdlib_and_allowed_libraries(name):
    allowed = sys.stdlib_module_names | ALLOWED_THIRD_PARTY | {"__future__"}
    modules = _kernel_imports()[name]

    disallowed = {
        m for m in modules if m.split(".")[0] not in allowed and not _is_within(m, KERNEL_PACKAGE)
    }

    assert disallowed == set()
