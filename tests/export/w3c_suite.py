"""The "must" assertions of the W3C Web Annotation test suite, as jsonschema validators."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from .realistic import SHARED

W3C_TESTS = SHARED / "w3c-web-annotation-tests"
MUSTS = "annotations/annotationMusts.test"


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _validators() -> dict[str, Any]:
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    # The definitions name themselves by relative ids ("annotations.json"), which is also how
    # the assertions refer to them, so they can be registered under exactly those ids.
    definitions = [_load(p) for p in sorted((W3C_TESTS / "definitions").glob("*.json"))]
    registry = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4))
        for schema in definitions
    )
    assertions = _load(W3C_TESTS / MUSTS)["assertions"]
    validators = {}
    for relative in assertions:
        schema = _load(W3C_TESTS / relative)
        assert schema["assertionType"] == "must" and schema["expectedResult"] == "valid"
        validators[relative] = Draft4Validator(
            schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER
        )
    assert len(validators) == len(assertions) > 40
    return validators


def must_validators() -> dict[str, Any]:
    """Assertion file -> validator; skips the calling test when the suite is not there."""
    if not (W3C_TESTS / MUSTS).is_file():
        pytest.skip(f"the W3C Web Annotation test suite is not at {W3C_TESTS}")
    return _validators()


def must_failures(validators: dict[str, Any], annotation: dict[str, Any]) -> list[str]:
    """`assertion file: message` for every must assertion the annotation fails."""
    return [
        f"{name}: {error.message[:200]}"
        for name, validator in validators.items()
        for error in validator.iter_errors(annotation)
    ]
