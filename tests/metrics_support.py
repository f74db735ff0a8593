"""Reading the metrics of a running local stack: each process's /metrics, over TLS verified
against the stack's CA, and the samples of its exposition."""

from __future__ import annotations

import asyncio
import ssl
import urllib.error
import urllib.request
from collections.abc import Mapping

from prometheus_client.parser import text_string_to_metric_families

from civicpulse.devstack.stack import LocalStack
from civicpulse.runtime import metrics
from civicpulse.runtime.metrics import NAMESPACE

# Every family the platform declares (civicpulse.runtime.metrics), by its exposed name.
FAMILIES = {
    value._name: value
    for value in vars(metrics).values()
    if hasattr(value, "_name") and hasattr(value, "_type") and value._name.startswith(f"{NAMESPACE}_")
}


def _get(url: str, context: ssl.SSLContext | None) -> str:
    with urllib.request.urlopen(url, timeout=10, context=context) as answer:
        return answer.read().decode()


async def scrape(stack: LocalStack) -> dict[str, str]:
    """Each service process's exposition text (process name -> text), as Prometheus would scrape it."""
    context = ssl.create_default_context(cafile=str(stack.ca.ca_file)) if stack.ca else None
    names = list(stack.metrics_addresses)
    texts = await asyncio.gather(*(asyncio.to_thread(_get, stack.metrics_url(name), context) for name in names))
    return dict(zip(names, texts, strict=True))


def samples(text: str, name: str, **labels: str) -> list[tuple[dict[str, str], float]]:
    """The samples named `name` (e.g. civicpulse_requests_total; "": all) whose labels include `labels`."""
    found = []
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == (name or sample.name) and all(sample.labels.get(k) == v for k, v in labels.items()):
                found.append((sample.labels, sample.value))
    return found


def total(text: str, name: str, **labels: str) -> float:
    """The sum of the matching samples (0 when there are none)."""
    return sum(value for _, value in samples(text, name, **labels))


def families(text: str) -> set[str]:
    """The civicpulse families a process exposes (with a TYPE line, whether or not they have samples yet)."""
    return {family.name for family in text_string_to_metric_families(text) if family.name.startswith(f"{NAMESPACE}_")}


def exposed_everywhere(texts: Mapping[str, str]) -> set[str]:
    """The families every process of the stack exposes."""
    return set.intersection(*(families(text) for text in texts.values()))


# The sample names each type of family is exposed under (prometheus_client's exposition).
SUFFIXES = {"counter": ("_total",), "histogram": ("_bucket", "_sum", "_count"), "gauge": ("",), "info": ("_info",)}


def exposition_names(texts: Mapping[str, str]) -> set[str]:
    """Every civicpulse sample name the stack exposes (a family with no sample yet counts by its type),
    which is what a dashboard's or an alert's query names."""
    names: set[str] = set()
    for text in texts.values():
        for family in text_string_to_metric_families(text):
            if family.name.startswith(f"{NAMESPACE}_"):
                names.update(f"{family.name}{suffix}" for suffix in SUFFIXES.get(family.type, ("",)))
                names.update(sample.name for sample in family.samples)
    return names


def console_status(stack: LocalStack, path: str) -> int:
    """The HTTP status the console answers a GET of `path` with, over TLS verified against the stack's CA."""
    context = ssl.create_default_context(cafile=str(stack.ca.ca_file))
    try:
        with urllib.request.urlopen(f"{stack.url('console')}{path.lstrip('/')}", timeout=10, context=context) as answer:
            return answer.status
    except urllib.error.HTTPError as refused:
        return refused.code
