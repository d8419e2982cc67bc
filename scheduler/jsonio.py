"""The documented JSON form of Problem, Params and Solution (see docs/scheduler.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Mapping
from typing import Any

from scheduler.checks import ProblemError
from scheduler.problem import Params, Problem, Weights
from scheduler.solution import Solution

SKIPPED_PARAMS = {"progress", "cancel"}


def _label(data: Any, path: str) -> str:
    if isinstance(data, Mapping) and "id" in data:
        return f"{path} (id {data['id']!r})"
    return path


def _convert(tp: Any, value: Any, path: str, errors: list[str]) -> Any:
    """Value converted to the annotated type, or None with a message in errors."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        exact = next((a for a in inner if type(value) is a), inner[0])  # str | int | float
        return _convert(exact, value, path, errors)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _from_dict(tp, value, path, errors)
    if origin is tuple:
        if not isinstance(value, list):
            errors.append(f"{path}: expected a list")
            return ()
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v, f"{path}[{i}]", errors) for i, v in enumerate(value))
        return tuple(
            _convert(a, v, f"{path}[{i}]", errors)
            for i, (a, v) in enumerate(zip(args, value, strict=False))
        )
    if origin in (Mapping, dict) or tp is Mapping:
        if not isinstance(value, dict):
            errors.append(f"{path}: expected an object")
            return {}
        k_tp, v_tp = typing.get_args(tp)
        return {
            _convert(k_tp, _key(k_tp, k), f"{path}[{k!r}]", errors): _convert(
                v_tp, v, f"{path}[{k!r}]", errors
            )
            for k, v in value.items()
        }
    return _scalar(tp, value, path, errors)


def _key(tp: Any, key: str) -> Any:
    """JSON object keys are strings; grades are written as "8"."""
    if tp is int and isinstance(key, str) and key.lstrip("-").isdigit():
        return int(key)
    return key


def _scalar(tp: Any, value: Any, path: str, errors: list[str]) -> Any:
    try:
        if tp is dt.date:
            return dt.date.fromisoformat(value)
        if tp is bool:
            if not isinstance(value, bool):
                raise TypeError
            return value
        if tp is int:
            if isinstance(value, bool) or int(value) != value:
                raise TypeError
            return int(value)
        if tp is float:
            if isinstance(value, bool):
                raise TypeError
            return float(value)
        if tp is str:
            if not isinstance(value, str):
                raise TypeError
            return value
    except (TypeError, ValueError):
        errors.append(f"{path}: {value!r} is not a valid {getattr(tp, '__name__', tp)}")
        return None
    return value


def _from_dict(cls: type, data: Any, path: str, errors: list[str]) -> Any:
    if not isinstance(data, Mapping):
        errors.append(f"{path}: expected an object")
        return None
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name not in SKIPPED_PARAMS}
    where = _label(data, path)
    for key in sorted(set(data) - set(fields)):
        errors.append(f"{where}: unknown field {key!r}")
    kwargs = {}
    for name, f in fields.items():
        if name in data:
            kwargs[name] = _convert(hints[name], data[name], f"{where}.{name}", errors)
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            errors.append(f"{where}: missing field {name!r}")
    if errors:
        return None
    return cls(**kwargs)


def problem_from_dict(data: Any) -> tuple[Problem, Params]:
    """Problem and Params from the JSON form; raises ProblemError naming every fault."""
    errors: list[str] = []
    if not isinstance(data, Mapping):
        raise ProblemError(["the file must hold a JSON object"])
    body = {k: v for k, v in data.items() if k != "params"}
    problem = _from_dict(Problem, body, "problem", errors)
    params = _from_dict(Params, data.get("params", {}), "params", errors)
    if errors:
        raise ProblemError(errors)
    return problem, params


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in SKIPPED_PARAMS
        }
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def problem_to_dict(problem: Problem, params: Params | None = None) -> dict[str, Any]:
    """The JSON form of a problem (and its parameters)."""
    data: dict[str, Any] = _plain(problem)
    data["params"] = _plain(params or Params())
    return data


def solution_to_dict(solution: Solution) -> dict[str, Any]:
    """The JSON form of a solution; a reason's or note's params are an object {name: value}."""
    data: dict[str, Any] = _plain(solution)
    for item in (*data["reasons"], *data["notes"]):
        item["params"] = dict(item["params"])
    return data


def _reason_pairs(data: Mapping[str, Any]) -> dict[str, Any]:
    """The solution's JSON with each reason's and note's params back as [name, value] pairs."""
    result = dict(data)
    for key in ("reasons", "notes"):
        items = data.get(key)
        if isinstance(items, list):
            result[key] = [
                {**r, "params": [[k, v] for k, v in r["params"].items()]}
                if isinstance(r, Mapping) and isinstance(r.get("params"), Mapping)
                else r
                for r in items
            ]
    return result


def solution_from_dict(data: Mapping[str, Any]) -> Solution:
    """A solution back from its JSON form (for validate)."""
    errors: list[str] = []
    solution: Solution = _from_dict(Solution, _reason_pairs(data), "solution", errors)
    if errors:
        raise ProblemError(errors)
    return solution


__all__ = [
    "Weights",
    "problem_from_dict",
    "problem_to_dict",
    "solution_from_dict",
    "solution_to_dict",
]
