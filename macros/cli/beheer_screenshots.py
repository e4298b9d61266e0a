"""Screenshots of the form at /beheer/ for the editing guide, made from the real built site.

    .venv/bin/productenboek-beheer-screenshots

Builds the site into a temporary folder, starts decap-server (the CMS's local git backend) on a
temporary git copy of data/, serves both on one address, opens product 45F34 in headless Chromium and
writes WebP images into content/over/: the state choice of a stated value (the maximum duration), an
editorial inference with its reason (the status), the editor at 1366 px with the stale-quote warning,
the product form's sections at 1366 px (four closed, Eisen open), and /beheer/ at 375 px (the page that
says to use a larger screen). Nothing is saved; data/ is not touched.

Each picture is cut to what the guide's text talks about (the form's column, not the empty screen round
it) and encoded as lossy WebP by the same Chromium (canvas.toDataURL; no image library needed): a phone
fetches the guide's lazy images well before they are in view (Chromium loads them within 1,250-2,500 px),
so their bytes count for the page (issue 29, benchmarks/README.md). The guide gives each its width and
height, so nothing shifts when it arrives.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.cms.local import build_site, serving

ROOT = Path(__file__).resolve().parents[2]  # the repository (an editable install)

OUT = ROOT / "content" / "over"
QUALITY = 0.8  # WebP quality: the form's text stays sharp; a third of a PNG's bytes, or less
WRITTEN: list[str] = []


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Beheer", "-c", "user.email=beheer@example.org", *args],
                   check=True, capture_output=True)


def _clip(page, first, last, margin: int = 12) -> dict:
    """The rectangle from the top of `first` to the bottom of `last`, across the form's column."""
    a, b = first.bounding_box(), last.bounding_box()
    x = max(0, min(a["x"], b["x"]) - margin)
    right = max(a["x"] + a["width"], b["x"] + b["width"]) + margin
    return {"x": x, "y": max(0, a["y"] - margin), "width": right - x, "height": b["y"] + b["height"] - a["y"] + 2 * margin}


def _save(page, name: str, clip: dict | None = None) -> None:
    """A screenshot of `page` (cut to `clip`), encoded as WebP by Chromium itself, as content/over/<name>.webp."""
    png = base64.b64encode(page.screenshot(clip=clip)).decode()
    url = page.evaluate("""async ([png, q]) => {
        const img = new Image(); img.src = "data:image/png;base64," + png; await img.decode();
        const c = document.createElement("canvas"); c.width = img.naturalWidth; c.height = img.naturalHeight;
        c.getContext("2d", {alpha: false}).drawImage(img, 0, 0); return c.toDataURL("image/webp", q); }""", [png, QUALITY])
    if not url.startswith("data:image/webp;base64,"):
        raise SystemExit(f"Chromium schreef geen WebP voor {name}")
    (OUT / f"{name}.webp").write_bytes(base64.b64decode(url.split(",", 1)[1]))
    WRITTEN.append(f"{name}.webp")


def _open_45f34(page, url: str) -> None:
    """The form of product 45F34, signed in to the local backend where it asks."""
    from playwright.sync_api import expect

    page.goto(f"{url}beheer/#/collections/producten-flevoland/entries/45f34")
    save, login = page.get_by_role("button", name="Opslaan"), page.get_by_role("button", name="Inloggen")
    expect(save.or_(login)).to_be_visible(timeout=60_000)
    if login.is_visible():
        login.click()
    expect(save).to_be_visible(timeout=60_000)


def main() -> int:
    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        site, repo = tmp_path / "site", tmp_path / "repo"
        build_site(site)
        shutil.copytree(ROOT / "data", repo / "data")
        subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "data")
        with serving(site, repo) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page(viewport={"width": 1000, "height": 2200})
            _open_45f34(page, url)

            max_duration = page.get_by_role("combobox", name="Maximale duur", exact=True)
            max_duration.scroll_into_view_if_needed()
            first = page.locator("label", has_text="Maximale duur").first
            last = page.get_by_role("textbox", name="Maximale duur: citaat", exact=False)
            page.wait_for_timeout(500)
            _save(page, "beheer-staat-vermeld", _clip(page, first, last))

            status = page.get_by_role("combobox", name="Status", exact=True)
            status.select_option("afgeleid")
            page.get_by_role("combobox", name="Status: waarde", exact=True).click()
            page.get_by_role("option", name="concept", exact=True).click()
            reason = page.get_by_role("textbox", name="Status: reden", exact=True)
            reason.fill("De bron is een conceptversie van de productomschrijvingen; het woord 'concept' staat er niet in.")
            status.scroll_into_view_if_needed()
            page.mouse.click(5, 5)  # no focus ring in the picture
            page.wait_for_timeout(500)
            first = page.locator("label", has_text="Status").first
            last = page.get_by_role("textbox", name="Status: citaat", exact=False)
            _save(page, "beheer-staat-afgeleid", _clip(page, first, last))

            # The editor at a laptop's width: a duration changed to 6 while the source's text says 9.
            wide = browser.new_page(viewport={"width": 1366, "height": 900})
            _open_45f34(wide, url)
            box = wide.get_by_role("textbox", name="Waarde: ingevuld", exact=True)
            box.fill("6")
            expect(wide.get_by_role("status").filter(has_text="noemt 6 niet")).to_be_visible()
            wide.mouse.click(5, 300)
            # The source's text at the top, the warning under the value.
            wide.get_by_role("status").filter(has_text="noemt 6 niet").evaluate("e => e.scrollIntoView({block: 'end'})")
            wide.mouse.wheel(0, 60)
            wide.wait_for_timeout(500)
            # the form's column, from the value that was changed to the warning under the field and its hint
            first = wide.locator("label", has_text="Waarde: ingevuld").first
            _save(wide, "beheer-1366", _clip(wide, first, wide.get_by_text("Duur volgens het kader").first))
            # The product form's sections at the same width: the first four closed, so all seven headings are in
            # view, and Eisen opened as an editor opens it.
            wide.reload()
            expect(wide.get_by_role("button", name="Kern", exact=True)).to_be_visible(timeout=60_000)
            for name in ("Kern", "Bron", "Duur en omvang", "Functiemix"):
                wide.get_by_role("button", name=name, exact=True).click()
            wide.get_by_role("button", name="Eisen", exact=True).click()
            expect(wide.get_by_role("textbox", name="Eis", exact=True).first).to_be_visible()
            wide.mouse.click(5, 300)
            wide.evaluate("window.scrollTo(0, 0)")
            wide.wait_for_timeout(500)
            # the form's column: the five headings and the open part's first field
            _save(wide, "beheer-delen-1366", _clip(wide, wide.get_by_role("button", name="Kern", exact=True),
                                                   wide.get_by_role("textbox", name="Eis", exact=True).first))
            # A phone: the page that says to use a larger screen, and why.
            phone = browser.new_page(viewport={"width": 375, "height": 700})
            phone.goto(f"{url}beheer/")
            expect(phone.get_by_role("heading", name="Gebruik een groter scherm")).to_be_visible(timeout=60_000)
            # the phone's whole width, down to the end of the text (not the empty screen under it)
            bottom = phone.locator("p").last.bounding_box()
            _save(phone, "beheer-375", {"x": 0, "y": 0, "width": 375, "height": round(bottom["y"] + bottom["height"] + 16)})
            browser.close()
    for name in WRITTEN:
        print(f"geschreven: content/over/{name} ({(OUT / name).stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
