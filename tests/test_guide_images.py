"""The pictures in the hand-written pages (content/): each exists, is WebP as productenboek-beheer-screenshots writes
it, and carries its own width and height, so the text does not jump when it arrives (CLS) and the browser can
reserve its place; each is lazy. A picture regenerated at another size without the page's numbers fails here."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMG = re.compile(r"<img\b[^>]*>")


def _attr(tag: str, name: str) -> str | None:
    m = re.search(rf'\s{name}="([^"]*)"', tag)
    return m.group(1) if m else None


def webp_size(data: bytes) -> tuple[int, int]:
    """Width and height of a WebP file (simple lossy VP8, or extended VP8X)."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", "geen WebP"
    kind = data[12:16]
    if kind == b"VP8X":
        return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
    if kind == b"VP8 ":
        return int.from_bytes(data[26:28], "little") & 0x3FFF, int.from_bytes(data[28:30], "little") & 0x3FFF
    if kind == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    raise AssertionError(f"onbekend WebP-blok {kind!r}")


def test_every_guide_picture_is_webp_with_its_own_size():
    seen = 0
    for md in sorted((ROOT / "content").rglob("*.md")):
        for tag in IMG.findall(md.read_text(encoding="utf-8")):
            src = _attr(tag, "src")
            if src is None or src.startswith(("data:", "http")) or src.endswith(".svg"):
                continue
            # a page's address is its folder: "../../x.webp" from over/data-bewerken/beheer/ is over/x.webp
            image = (md.parent / md.stem / src).resolve()
            where = f"{md.relative_to(ROOT)}: {src}"
            assert image.is_file(), f"{where}: bestand ontbreekt"
            assert image.suffix == ".webp", f"{where}: geen WebP"
            width, height = webp_size(image.read_bytes())
            assert (_attr(tag, "width"), _attr(tag, "height")) == (str(width), str(height)), \
                f"{where}: width/height in de pagina {_attr(tag, 'width')}x{_attr(tag, 'height')}, bestand {width}x{height}"
            assert _attr(tag, "loading") == "lazy" and _attr(tag, "alt"), f"{where}: loading=lazy en alt ontbreken"
            seen += 1
    assert seen >= 5  # the editing guide's five screenshots of /beheer/
    assert not list((ROOT / "content").rglob("*.png")), "PNG in content/: productenboek-beheer-screenshots schrijft WebP"


def test_a_guide_picture_is_fetched_when_it_nears_the_screen_not_with_the_page(browser, site_url):
    """Issue 29 §4: on a phone the guide's screenshots wait until their place nears the screen. loading="lazy" alone
    let Chromium fetch one 3,000 px down with the page; its paragraph is now not laid out until then
    (content-visibility: auto in productenboek.css), and an image not laid out is not fetched. Scrolled to, each
    arrives at its own size, and nothing on the screen moves."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, device_scale_factor=1.75)
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[1]) if r.url.endswith(".webp") else None)
    page.goto(site_url + "over/data-bewerken/beheer/", wait_until="load")
    page.wait_for_timeout(300)
    images = page.locator("article img[loading=lazy]")
    assert images.count() >= 5
    # every picture more than two screens down is in a part of the page that is not laid out yet, and is not
    # fetched (the first one on /over/data-bewerken/beheer/ is 1.3 screens down: it may come with the page)
    far = page.evaluate("[...document.querySelectorAll('article img[loading=lazy]')]"
                        ".filter(i => i.parentElement.getBoundingClientRect().top > 2 * innerHeight)"
                        ".map(i => [i.getAttribute('src').split('/').pop(), i.checkVisibility({contentVisibilityAuto: true})])")
    assert len(far) >= 4 and not any(laid_out for _, laid_out in far), far
    assert not set(fetched) & {name for name, _ in far}, fetched
    # a person scrolls down through the guide, half a screen at a time, to below its last picture
    shift = page.evaluate("""async () => {
        let shift = 0;
        new PerformanceObserver((list) => { for (const e of list.getEntries()) shift += e.value; }).observe({type: 'layout-shift'});
        const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const last = [...document.querySelectorAll('article img[loading=lazy]')].pop();
        while (last.getBoundingClientRect().bottom > 0) { scrollBy(0, innerHeight / 2); await frame(); }
        await new Promise((done) => setTimeout(done, 200));
        return shift;
    }""")
    for n in range(images.count()):
        image = images.nth(n)
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=image.element_handle(), timeout=10_000)
        box = image.bounding_box()
        width, height = int(image.get_attribute("width")), int(image.get_attribute("height"))
        assert box and abs(box["height"] - box["width"] * height / width) < 2, (n, box)
    assert sorted(fetched) == sorted(images.evaluate_all("l => l.map(i => i.getAttribute('src').split('/').pop())"))
    assert shift < 0.01
    context.close()
