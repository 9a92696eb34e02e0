"""Shared fixtures: a real SQLite store in a fresh temporary folder for every test."""

import os

# Before anything imports Qt: no display on CI machines.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from desktop.store.lifecycle import close_store, open_store


@pytest.fixture(autouse=True)
def private_config(tmp_path, monkeypatch):
    """Tests never read or write the real user's config folder (where a moved data
    folder is remembered)."""
    config = tmp_path / "config"
    monkeypatch.setenv("REBOUND_CONFIG_DIR", str(config))
    return config


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An empty data directory, also exported as REBOUND_DATA_DIR."""
    path = tmp_path / "data"
    monkeypatch.setenv("REBOUND_DATA_DIR", str(path))
    return path


@pytest.fixture
def store(data_dir):
    """An open, migrated store on a real file; closed cleanly after the test."""
    opened = open_store(data_dir)
    yield opened
    close_store(opened)
