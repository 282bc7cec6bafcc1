"""Records document their fields in their class docstring's ``Attributes:`` section, where ``help()``,
pydoc and editors show them: the model's every field, and no record a field it does not have."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re

import pytest

import dossier
from dossier import model

_ENTRY = re.compile(r"^ {4}(\w+): ", re.MULTILINE)
"""An entry of an ``Attributes:`` section, at the class docstring's indentation plus four."""


def _documented(cls: type) -> list[str]:
    doc = inspect.cleandoc(cls.__doc__ or "")
    _, found, section = doc.partition("\nAttributes:\n")
    return _ENTRY.findall(section) if found else []


def _own_fields(cls: type) -> list[str]:
    inherited = {f.name for base in cls.__mro__[1:] if dataclasses.is_dataclass(base) for f in dataclasses.fields(base)}
    own = [f.name for f in dataclasses.fields(cls) if f.name not in inherited]
    return own + [name for name, hint in cls.__annotations__.items() if "ClassVar" in str(hint)]


def _records() -> list[type]:
    names = [f"dossier.{m.name}" for m in pkgutil.iter_modules(dossier.__path__) if m.name != "__main__"]
    modules = [importlib.import_module(name) for name in names]
    return [
        cls
        for module in modules
        for cls in vars(module).values()
        if inspect.isclass(cls) and dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__
    ]


@pytest.mark.parametrize("cls", [c for c in _records() if c.__module__ == model.__name__], ids=lambda c: c.__name__)
def test_every_field_of_the_model_is_documented(cls: type) -> None:
    assert [name for name in _own_fields(cls) if name not in _documented(cls)] == []


@pytest.mark.parametrize("cls", _records(), ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_a_record_documents_only_what_it_has(cls: type) -> None:
    fields = {f.name for f in dataclasses.fields(cls)} | set(_own_fields(cls))
    assert [name for name in _documented(cls) if name not in fields and not hasattr(cls, name)] == []


def test_the_section_is_read_as_written() -> None:
    @dataclasses.dataclass(frozen=True)
    class Sample:
        """A sample.

        Attributes:
            kept: A field, described over
                two lines.
            gone: A field that is not there.
        """

        kept: int

    assert (_documented(Sample), _own_fields(Sample)) == (["kept", "gone"], ["kept"])
