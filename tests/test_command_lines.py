"""The command that starts a command line where the code runs: ``rekindle engine`` in the
installed app (a PyInstaller bundle sets ``sys.frozen``; it has no ``python -m``),
``python -m engine`` from source."""

from __future__ import annotations

import sys

import pytest

from engine.command_lines import command_name


@pytest.mark.parametrize("package", ["engine", "training"])
def test_the_installed_app_names_its_own_command(monkeypatch: pytest.MonkeyPatch, package: str):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert command_name(package) == f"rekindle {package}"


@pytest.mark.parametrize("package", ["engine", "training"])
def test_a_source_checkout_names_python_m(monkeypatch: pytest.MonkeyPatch, package: str):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert command_name(package) == f"python -m {package}"
