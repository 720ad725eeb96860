import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(settings):
    """These tests read messages in English (Chinese is checked by the catalogue and browser tests)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
