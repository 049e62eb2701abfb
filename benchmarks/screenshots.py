"""Screenshots of built reports for docs/screenshots/ (headless Chromium).

    python benchmarks/screenshots.py reports/sample --prefix sample --out docs/screenshots
    python benchmarks/screenshots.py reports/bbc --prefix bbc --out docs/screenshots

Each page (index.html and every report) is opened at 1280 px wide and saved as a PNG of its
top ``--height`` pixels, scaled to half size and palette-reduced so the repository stays small.
Needs Debian's ``chromium`` and ``chromium-driver``, and Pillow (it comes with matplotlib).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", type=Path, help="a folder built by `analysis run`")
    parser.add_argument("--prefix", required=True, help="file name prefix, e.g. sample or bbc")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--height", type=int, default=2400, help="pixels of each page to keep, from the top")
    args = parser.parse_args()

    from PIL import Image
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--window-size=1280,1600",
    ):
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="screenshots-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=options)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        for page in [
            args.reports / "index.html",
            *sorted(p for p in args.reports.glob("*.html") if p.name != "index.html"),
        ]:
            driver.get(page.resolve().as_uri())
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(1280, min(max(height, 800), args.height))
            raw = Path(profile) / "shot.png"
            driver.save_screenshot(str(raw))
            image = Image.open(raw).convert("RGB")
            image = image.resize((image.width // 2, image.height // 2), Image.LANCZOS)
            target = args.out / f"{args.prefix}-{page.stem}.png"
            image.quantize(colors=128).save(target, optimize=True)
            print(f"{target} ({target.stat().st_size // 1024} KB)")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
