"""Pydantic's validation errors as lines people can read."""

from __future__ import annotations

from pydantic import ValidationError


def describe_validation_error(error: ValidationError) -> list[str]:
    """One plain line per problem, naming the field: "volume: must be greater than 0"."""
    lines = []
    for detail in error.errors():
        field = ".".join(str(part) for part in detail["loc"])
        message = detail["msg"].removeprefix("Value error, ")
        message = message.replace("Input should be", "must be")
        lines.append(f"{field}: {message}" if field else message)
    return lines
