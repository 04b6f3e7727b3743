"""Screenshots of the web pages over a real store, for docs/pages.md.

    .venv/bin/python scripts/screenshots_pages.py --db /tmp/pages-demo     # after: factrack index corpora/ --db /tmp/pages-demo

Starts ``create_app`` (the store's own query embedder) under uvicorn on a free local port, drives
the system chromium through playwright, and writes docs/screenshots/demo-*.png (wide, and one
narrow). Needs chromium on PATH (``make browser``) and playwright (test extra).
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="/tmp/pages-demo")
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = ap.parse_args()
    import uvicorn
    from playwright.sync_api import sync_playwright

    from factrack.serve import create_app

    browser_path = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser_path is None:
        print("no chromium on PATH (make browser)", file=sys.stderr)
        return 2
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(args.db, read_only=True), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    shots = [
        ("demo-search-en", "/?q=" + quote("timetable for the withdrawal of US forces")),
        ("demo-search-ar", "/?q=" + quote("جدول زمني لانسحاب القوات الأمريكية")),
        ("demo-contradictions", "/contradictions?limit=8"),
        ("demo-speaker", "/speaker?name=" + quote("Fuad Hussein")),
    ]
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            for name, url in shots:
                page.goto(base + url)
                page.screenshot(path=str(out / f"{name}.png"), full_page=False)
            page.goto(base + "/?q=" + quote("جدول زمني لانسحاب القوات الأمريكية"))
            page.click("section.result h2 a")
            page.screenshot(path=str(out / "demo-claim.png"), full_page=False)
            page.click("a:text('article')")
            page.screenshot(path=str(out / "demo-article.png"), full_page=False)
            page.set_viewport_size({"width": 390, "height": 844})
            page.goto(base + shots[1][1])
            page.screenshot(path=str(out / "demo-search-ar-narrow.png"), full_page=False)
            browser.close()
    finally:
        server.should_exit = True
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
