"""Every runtime symbol the compiler's catalog names exists in the runtime."""

from __future__ import annotations

import importlib

import pytest

from luac2py.semantics import catalog


@pytest.mark.parametrize("symbol", sorted(set(catalog.all_symbols())))
def test_symbol_exists(symbol):
    mod, attr = symbol.split(":")
    m = importlib.import_module(f"luac2py_runtime.{mod}")
    assert hasattr(m, attr), f"{symbol} is missing from the runtime"


def test_runtime_interface_versions_agree():
    import luac2py_runtime

    assert catalog.RUNTIME_INTERFACE == luac2py_runtime.INTERFACE
