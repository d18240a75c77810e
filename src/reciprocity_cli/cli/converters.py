"""Parameter values converted by Typer only when there is a value to convert.

Typer 0.29 converts each parameter's value with a converter built on first use from a
Pydantic adapter, and builds it even for a parameter that was not given, whose value (None)
it returns untouched. The first one imports Pydantic, about as long again as Typer itself
takes to import: `recip give --help`, `recip partner --help` and a Tab press that Typer
answers (a command or option name) would pay that for the root's unused --db. So a
parameter starts with a stand-in that leaves a missing value to Typer's own rule
(RuntimeParam.coerce) and builds Typer's converter, once, for the first real value. Typer
is held to 0.29.x (pyproject); tests/test_entrypoint.py checks that help and completion
leave Pydantic unimported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from typer._coercion import RuntimeParam, build_runtime_param
from typer.core import _TyperParameter


@dataclass(frozen=True)
class _Unbuilt(RuntimeParam):
    """A parameter's converter before any value needed it."""

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx) -> Any:
        if self.annotation is str and self.parameter_info.parser is None and type(value) is str:
            # Typer's converter for a plain str returns a str from the command line as it
            # is: no need to build a Pydantic adapter per parameter for that (1.5 ms of
            # `recip give`, whose every parameter is text that recip parses itself).
            return value
        param._runtime_param = build_runtime_param(param.type_descriptor)
        return param._runtime_param._coerce_value(value, param=param, ctx=ctx)


def _runtime_param(self: _TyperParameter) -> RuntimeParam:
    if self._runtime_param is None:
        descriptor = self.type_descriptor
        self._runtime_param = _Unbuilt(descriptor.parameter_info, descriptor.annotation)
    return self._runtime_param


def build_on_first_value() -> None:
    _TyperParameter.get_runtime_param = _runtime_param
