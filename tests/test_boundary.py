"""The Telegram-free core: no module of `bot/` outside the composition root `bot/app/` imports
`telegram` or `handlers`, at the top or inside a function."""

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"
FORBIDDEN = ("telegram", "handlers")
CORE = sorted(p for p in BOT.rglob("*.py") if BOT / "app" not in p.parents)


def imported_modules(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def forbidden_imports(source: str) -> list[str]:
    return [name for name in imported_modules(ast.parse(source)) if name.split(".")[0] in FORBIDDEN]


def test_the_core_is_found():
    assert BOT / "db.py" in CORE and BOT / "app" / "application.py" not in CORE


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(BOT.parent)))
def test_a_core_module_imports_neither_telegram_nor_handlers(path):
    assert forbidden_imports(path.read_text()) == []


def test_the_check_sees_imports_inside_functions():
    source = "def f():\n    from telegram.error import Forbidden\n    import handlers.start\n"
    assert forbidden_imports(source) == ["telegram.error", "handlers.start"]
