"""Remembering what a method of an unchanging object answers, per object, without keeping any object alive."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

Result = TypeVar("Result")


class _Held:
    """An object as a cache key: that very object, not any equal one (hashing by value can walk all of it),
    held weakly. A key whose object is gone equals no key, not even one of a new object given the same `id`."""

    __slots__ = ("_hash", "_target")

    def __init__(self, target: object, gone: Callable[[object], None]) -> None:
        self._target = weakref.ref(target, gone)
        self._hash = id(target)

    @property
    def target(self) -> object | None:
        return self._target()

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Held) and self.target is not None and other.target is self.target


_REMEMBERING: dict[Callable[..., Any], Callable[[], Any]] = {}


def remembered_answers(method: Callable[..., Any]) -> int:
    """How many answers a `per_object` method remembers now."""
    return int(_REMEMBERING[method]().currsize)


def per_object(maxsize: int) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """Remember up to `maxsize` answers of a method taking positional arguments, for each object it is asked of.

    The memory keeps no object alive, and forgets everything when an object it knows goes (so an object
    made anew for a while, such as a catalog repriced for one month, leaves nothing behind)."""

    def decorate(method: Callable[..., Result]) -> Callable[..., Result]:
        @functools.lru_cache(maxsize=maxsize)
        def remembered(held: _Held, *asked: Any) -> Result:
            target = held.target
            assert target is not None, "asked by an object, which is alive while it asks"
            return method(target, *asked)

        def forget(_: object) -> None:
            remembered.cache_clear()

        @functools.wraps(method)
        def asking(self: object, *asked: Any) -> Result:
            return remembered(_Held(self, forget), *asked)

        _REMEMBERING[asking] = remembered.cache_info
        return asking

    return decorate
