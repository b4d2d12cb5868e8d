"""The locks are complete, hash-pinned, agree with pyproject.toml, name no known-bad release,
and are what is installed.

`make run` and `make test` install a lock with `pip install --require-hashes --no-deps`, so
pip resolves nothing at install time: whatever a lock lacks is simply missing (and `pip
check` fails the install). These tests keep the files themselves honest.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from dataclasses import dataclass

import pytest
from packaging.markers import Marker
from packaging.utils import canonicalize_name

from bot.settings import PROJECT_ROOT

LOCKS = {"runtime": PROJECT_ROOT / "requirements.lock", "dev": PROJECT_ROOT / "requirements-dev.lock"}
_REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?P<rest>[^\\]*)")
_PIN = re.compile(r"^==(?P<version>[^\s;]+)\s*(?:;\s*(?P<marker>.+?))?\s*$")


@dataclass(frozen=True)
class LockedPackage:
    name: str
    version: str
    marker: str | None
    hashes: int

    def applies_here(self) -> bool:
        return self.marker is None or Marker(self.marker).evaluate()


def parse_lock(text: str) -> list[LockedPackage]:
    """Every requirement of a pip lock file, with its pin, marker and number of hashes.

    Raises ValueError for a requirement that is not pinned with `==`: pip would resolve it.
    """
    packages: list[LockedPackage] = []
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text):
        first = entry.split("\n", 1)[0]
        match = _REQUIREMENT.match(first)
        if match is None or first.startswith("#"):
            continue
        pin = _PIN.match(match["rest"].strip())
        if pin is None:
            raise ValueError(f"{first.strip()!r} is not pinned with ==")
        packages.append(
            LockedPackage(
                canonicalize_name(match["name"]), pin["version"], pin["marker"], entry.count("--hash=sha256:")
            )
        )
    return packages


def known_bad_pins(packages: list[LockedPackage], known_bad: dict[str, list[str]]) -> list[str]:
    """The locked packages whose version is on the known-bad list, as `name==version`."""
    bad = {canonicalize_name(name): set(versions) for name, versions in known_bad.items()}
    return [
        f"{package.name}=={package.version}" for package in packages if package.version in bad.get(package.name, ())
    ]


def pyproject() -> dict:
    return tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def known_bad_releases() -> dict[str, list[str]]:
    return pyproject()["tool"]["ai-adoption-advisor"]["known-bad-releases"]


def locked(kind: str) -> list[LockedPackage]:
    return parse_lock(LOCKS[kind].read_text(encoding="utf-8"))


def pins(requirements: list[str]) -> dict[str, str]:
    """`name==version` requirements of pyproject.toml as {name: version}; extras dropped."""
    found = {}
    for requirement in requirements:
        name, _, version = requirement.partition("==")
        found[canonicalize_name(name.split("[")[0])] = version
    return found


@pytest.mark.parametrize("kind", LOCKS)
def test_every_locked_package_is_pinned_with_hashes(kind: str) -> None:
    packages = locked(kind)
    assert len(packages) > 50
    assert [package.name for package in packages if package.hashes == 0] == []


@pytest.mark.parametrize("kind", LOCKS)
def test_no_lock_names_a_known_bad_release(kind: str) -> None:
    assert known_bad_pins(locked(kind), known_bad_releases()) == []


def test_the_known_bad_list_names_the_compromised_litellm_releases() -> None:
    assert {"1.82.7", "1.82.8", "1.107.0"} <= set(known_bad_releases()["litellm"])


def test_a_lock_naming_a_known_bad_release_is_caught() -> None:
    lock = (
        "httpx==0.28.1 \\\n    --hash=sha256:aa\n    # via litellm\n"
        "LiteLLM==1.82.8 ; python_full_version >= '3.11' \\\n    --hash=sha256:bb\n"
    )
    assert known_bad_pins(parse_lock(lock), {"litellm": ["1.82.7", "1.82.8"]}) == ["litellm==1.82.8"]


def test_a_requirement_that_pip_would_resolve_is_refused() -> None:
    with pytest.raises(ValueError, match="not pinned"):
        parse_lock("httpx>=0.28 \\\n    --hash=sha256:aa\n")


def test_the_locks_pin_what_pyproject_pins() -> None:
    project = pyproject()["project"]
    runtime = pins(project["dependencies"])
    dev = runtime | pins(project["optional-dependencies"]["dev"])
    build = pins(pyproject()["build-system"]["requires"])
    for kind, wanted in (("runtime", runtime | build), ("dev", dev | build)):
        versions = {package.name: package.version for package in locked(kind)}
        assert {name: versions.get(name) for name in wanted} == wanted, kind


def test_the_runtime_lock_is_the_dev_lock_less_the_test_tools() -> None:
    runtime = {(p.name, p.version, p.marker) for p in locked("runtime")}
    dev = {(p.name, p.version, p.marker) for p in locked("dev")}
    assert runtime <= dev
    test_tools = {name for name, _, _ in dev - runtime}
    assert "pytest" in test_tools and "litellm" not in test_tools


def test_what_is_installed_is_exactly_the_dev_lock() -> None:
    mismatched = {}
    for package in locked("dev"):
        if not package.applies_here():
            continue
        try:
            installed = importlib.metadata.version(package.name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != package.version:
            mismatched[package.name] = (package.version, installed)
    assert mismatched == {}, "run `make clean test` to install the lock afresh"
