"""The console's views in Debian's chromium, as a person sees them: one screenshot per view.

The demo writes them beside its results and the browser tests use the same browser settings. The
browser is Debian's `chromium` (playwright's own download is never used); a machine without it
gets a clear message instead of a screenshot.
"""

from __future__ import annotations

import shutil
from contextlib import asynccontextmanager
from pathlib import Path

from playwright.async_api import Browser, BrowserContext, Page, async_playwright

# Headless, and nothing of the browser's own talking to the network (updates, sync, QUIC probes).
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A landscape tablet.
VIEWPORT = {"width": 1280, "height": 800}
TIME_ZONE = "America/Chicago"


def chromium_path() -> str:
    """Debian's chromium, or a RuntimeError that says how to get it."""
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if found is None:
        raise RuntimeError(
            "chromium is missing: the console's browser tests and screenshots drive Debian's chromium;"
            " install it as root with `apt-get install chromium` (make browser does)"
        )
    return found


@asynccontextmanager
async def browser():
    """Debian's chromium, headless, stopped on exit."""
    executable = chromium_path()
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS, headless=True)
        try:
            yield launched
        finally:
            await launched.close()


async def new_context(launched: Browser, locale: str = "en-US") -> BrowserContext:
    """A fresh profile: the stack's certificate is its own throwaway CA's, hence ignore_https_errors."""
    return await launched.new_context(ignore_https_errors=True, viewport=VIEWPORT, locale=locale, timezone_id=TIME_ZONE)


async def sign_in(page: Page, console_url: str, token: str) -> None:
    """Signs in through the page's form and waits for the map."""
    await page.goto(f"{console_url.rstrip('/')}/#/signin")
    await page.get_by_test_id("token").fill(token)
    await page.get_by_test_id("signin-submit").click()
    await page.get_by_test_id("view-map").wait_for()
    await page.get_by_test_id("legend-when").wait_for()


async def open_view(page: Page, console_url: str, hash_route: str, ready_testid: str) -> None:
    await page.goto(f"{console_url.rstrip('/')}/#/{hash_route}")
    await page.get_by_test_id(ready_testid).first.wait_for()


async def wait_for_map(page: Page) -> None:
    """The map drawn: the shapes of the forecast layer are in the page."""
    await page.locator('[data-testid^="shape-"]').first.wait_for(state="attached")


async def take_screenshots(console_url: str, token: str, out_dir: Path) -> list[Path]:
    """map, agenda (a day open: the first with a conflict, else the first), zone (the first of the
    agenda with events, else the first), model, register and the map in French, as PNG files."""
    console_url = console_url.rstrip("/")  # LocalStack.url ends with one
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    async def shot(page: Page, name: str) -> None:
        path = out_dir / f"{name}.png"
        await page.screenshot(path=str(path), full_page=False)
        written.append(path)

    async with browser() as launched:
        context = await new_context(launched)
        try:
            page = await context.new_page()
            await sign_in(page, console_url, token)
            await wait_for_map(page)
            await shot(page, "map")

            await open_view(page, console_url, "agenda", "agenda-grid")
            day = page.locator("button.day.has-conflict").first
            if not await day.count():
                day = page.locator('[data-testid^="agenda-day-"]').first
            await day.click()
            await page.get_by_test_id("day-title").wait_for()
            await shot(page, "agenda")

            busy = page.locator("button.level.has-events").first
            target = busy if await busy.count() else page.locator('[data-testid^="agenda-cell-"]').first
            zone_link = target.locator("xpath=ancestor::tr/th/a")
            zone_hash = (await zone_link.get_attribute("href")).lstrip("#/")
            await open_view(page, console_url, zone_hash, "zone-chart")
            await shot(page, "zone")

            await open_view(page, console_url, "model", "pai-chart")
            await shot(page, "model")

            await open_view(page, console_url, "register", "register")
            await shot(page, "register")

            await open_view(page, console_url, "map", "legend-when")
            await page.get_by_test_id("lang-switch").click()
            await page.get_by_test_id("legend-when").wait_for()
            await wait_for_map(page)
            await shot(page, "map-fr")
        finally:
            await context.close()
    return written
