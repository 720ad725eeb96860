"""Take screenshots of pages as a given demo user, for looking at the UI (developer tool).

    .venv/bin/python scripts/screenshots.py OUT_DIR USER PATH [PATH ...]   (USER may be "-" for anonymous)
Set WIDTH=390 for a phone-sized screen; LANG=en for English.
"""

from __future__ import annotations

import os
import sys

from playwright.sync_api import sync_playwright

BASE = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main(out_dir: str, user: str, *paths: str) -> None:
    width = int(os.environ.get("WIDTH", "1280"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        context = browser.new_context(
            viewport={"width": width, "height": 900}, locale="en-US" if os.environ.get("LANG") == "en" else "zh-CN"
        )
        page = context.new_page()
        page.on("console", lambda m: print("console:", m.text) if m.type in ("error", "warning") else None)
        if user != "-":
            page.goto(f"{BASE}/accounts/login/")
            page.fill("#id_username", user)
            page.fill("#id_password", os.environ.get("PASSWORD", "yichuang-demo"))
            page.locator("main button[type=submit]").click()
            page.wait_for_load_state()
        for index, path in enumerate(paths):
            page.goto(f"{BASE}{path}")
            name = f"{out_dir}/{user}-{index}-{width}.png"
            page.screenshot(path=name, full_page=True)
            print(name, page.title())
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
