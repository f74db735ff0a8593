"""The docs stay true and usable: a short README with a table of exactly the catalogue's services,
a README per service, links that lead somewhere, and a settings table that lists exactly the
settings each service reads (docs/settings.md)."""

from __future__ import annotations

import importlib
import importlib.util
import re
from pathlib import Path

import pytest
from pydantic_settings import BaseSettings

from civicpulse.runtime.catalogue import SERVICES, Service
from support import REPO_ROOT

README = REPO_ROOT / "README.md"
DOCS = sorted((REPO_ROOT / "docs").glob("*.md"))
SERVICE_READMES = [REPO_ROOT / "services" / s.name / "README.md" for s in SERVICES]
README_MAX_BYTES = 12_000
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)


def settings_class(service: Service) -> type[BaseSettings]:
    """The settings class of a service: the one of its `settings` module with its prefix."""
    module = importlib.import_module(f"{service.package}.settings")
    found = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, BaseSettings)
        and value.model_config.get("env_prefix") == service.env_prefix
    ]
    assert len(found) == 1, f"{service.package}.settings has {len(found)} classes with the prefix {service.env_prefix}"
    return found[0]


def section(path: Path, heading: str) -> str:
    """The text under a `## heading`, up to the next heading of that level."""
    text = path.read_text()
    assert f"\n## {heading}\n" in text, f"{path.name} has no section '{heading}'"
    return text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def table_rows(text: str) -> list[list[str]]:
    rows = [[cell.strip() for cell in row.split("|")] for row in re.findall(r"^\|(.+)\|$", text, flags=re.M)]
    return rows[2:]  # past the header and its rule


# --- the README ---------------------------------------------------------------------------------


def test_the_readme_is_short():
    assert README.stat().st_size < README_MAX_BYTES, "README.md is for a first read: move detail to docs/"


def test_the_readme_shows_the_commands_early():
    head = README.read_text()[:3000]
    for command in ("make demo", "make test", "make up"):
        assert command in head, f"`{command}` is not in the README's first screen"


def test_the_readme_lists_exactly_the_catalogues_services():
    rows = table_rows(section(README, "The services"))
    names = [row[0].strip("`") for row in rows]
    assert sorted(names) == sorted(s.name for s in SERVICES), "the README's service table and the catalogue differ"
    listed = dict(zip(names, rows, strict=True))
    for service in SERVICES:
        _, owns, callers, link = listed[service.name]
        assert owns == service.summary, f"{service.name}: the table's summary differs from the catalogue's"
        assert callers == service.callers, f"{service.name}: the table's callers differ from the catalogue's"
        assert f"(services/{service.name}/README.md)" in link


# --- one README per service ---------------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_every_service_has_a_readme_that_says_what_it_owns_reads_and_writes(service):
    path = REPO_ROOT / "services" / service.name / "README.md"
    assert path.is_file(), f"services/{service.name}/README.md is missing"
    text = path.read_text()
    assert text.startswith(f"# {service.name}\n")
    for heading in ("What it owns", "What it reads", "What it writes", "Settings", "Tests"):
        assert f"\n## {heading}\n" in text, f"{path.relative_to(REPO_ROOT)} has no section '{heading}'"
    assert f"`{service.env_prefix}`" in text, f"{path.relative_to(REPO_ROOT)} does not name its settings prefix"


# --- links ------------------------------------------------------------------------------------


def github_anchor(heading: str) -> str:
    """The anchor a Markdown renderer gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text())
    return {github_anchor(h) for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.M)}


def links(path: Path) -> list[str]:
    return LINK.findall(FENCE.sub("", path.read_text()))


@pytest.mark.parametrize("doc", [README, *DOCS, *SERVICE_READMES], ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(doc):
    if not doc.exists():
        pytest.skip("checked by the service README test")
    broken = []
    for target in links(doc):
        if re.match(r"^[a-z]+:", target):  # https:, mailto:
            continue
        file_part, _, anchor = target.partition("#")
        linked = (doc.parent / file_part).resolve() if file_part else doc
        if not linked.exists():
            broken.append(target)
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(target)
    assert broken == [], f"{doc.relative_to(REPO_ROOT)} links to nothing: {broken}"


def test_the_readme_leads_to_every_doc():
    linked = {(README.parent / target.partition("#")[0]).resolve() for target in links(README)}
    assert {doc.resolve() for doc in DOCS} <= linked, "a page of docs/ that the README does not lead to"


# --- what the docs name ------------------------------------------------------------------------

PATH_IN_REPO = re.compile(r"`((?:libs|services|tools|config|datasets|charts|protos|tests)/[^`<*\s]*)`")
MODULE = re.compile(r"`(civicpulse(?:\.[a-z_0-9]+)+)`")
NOT_IN_REPO = {"config/callers.yaml"}  # a setting's default: each deployment's own file, from a Secret


@pytest.mark.parametrize("doc", [README, *DOCS, *SERVICE_READMES], ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_the_files_and_modules_the_docs_name_exist(doc):
    if not doc.exists():
        pytest.skip("checked by the service README test")
    text = doc.read_text()
    missing = [p for p in PATH_IN_REPO.findall(text) if p not in NOT_IN_REPO and not (REPO_ROOT / p).exists()]
    missing += [module for module in MODULE.findall(text) if importlib.util.find_spec(module) is None]
    assert missing == [], f"{doc.relative_to(REPO_ROOT)} names what no longer exists"


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_the_modules_a_service_readme_names_exist(service):
    path = REPO_ROOT / "services" / service.name / "README.md"
    package = REPO_ROOT / "services" / service.name / "src" / service.package
    named = set(re.findall(r"`(\w+\.py)`", path.read_text()))
    assert named, f"{path.relative_to(REPO_ROOT)} names none of its modules"
    assert sorted(m for m in named if not (package / m).exists()) == []


# --- settings ---------------------------------------------------------------------------------


def documented_settings() -> dict[str, set[str]]:
    """Setting name -> the services docs/settings.md says read it."""
    documented: dict[str, set[str]] = {}
    services: set[str] = set()
    for names, who, *_ in table_rows(section(REPO_ROOT / "docs" / "settings.md", "The services")):
        if who != "same":  # "same": the services of the row above
            services = {s.name for s in SERVICES} if who == "all" else {s.strip() for s in who.split(",")}
        for name in re.findall(r"`([A-Z_]+)`", names):
            documented.setdefault(name, set()).update(services)
    return documented


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_every_setting_of_a_service_is_documented_for_it(service):
    documented = documented_settings()
    fields = settings_class(service).model_fields
    missing = [name.upper() for name in fields if service.name not in documented.get(name.upper(), set())]
    assert missing == [], f"docs/settings.md does not list these for {service.name}"


def test_the_docs_document_no_setting_that_does_not_exist():
    read = {(name.upper(), s.name) for s in SERVICES for name in settings_class(s).model_fields}
    claimed = {(name, service) for name, services in documented_settings().items() for service in services}
    assert claimed - read == set()
