"""The finish page's advice names the buttons the page has, as they are labelled."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard
from test_wizard_figures import _open_finish

from training.run_figures import Figures

pytestmark = pytest.mark.usefixtures("builtin_models")


def test_advice_to_keep_the_built_in_model_names_the_buttons_that_do_it(
    make_window, qtbot, monkeypatch
):
    wizard, page = _open_finish(make_window, qtbot, monkeypatch, Figures.of(23.50, 0.6700))
    advice = page.verdict_label.text()
    assert "Keep using the built-in model" in advice
    for button in (QWizard.WizardButton.CancelButton, QWizard.WizardButton.FinishButton):
        assert wizard.button(button).text().replace("&", "") in advice
