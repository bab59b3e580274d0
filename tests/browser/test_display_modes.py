"""适老化 that holds: every public template, in all six combinations of 字号 (标准/大/特大) and 对比度
(标准/高对比度), on a 360 px phone — zero axe violations (colour contrast included) and no sideways
scrolling of the page."""

import pytest

from tests.public_pages import public_urls

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# axe leaves text whose colour equals its background out of its contrast rule ("incomplete"), which
# is how 高对比度 once drew the site name and every <h1> black on black: measured here as well.
LOW_CONTRAST_JS = """
() => {
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const bad = [];
  for (const el of document.querySelectorAll("h1, h2, h3, p, a, li, dt, dd, th, td, label, button, span, figcaption")) {
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join("");
    const box = el.getBoundingClientRect();
    if (!text || box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
    const fg = parse(getComputedStyle(el).color).slice(0, 3), bg = background(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < 3) bad.push(`${el.tagName.toLowerCase()} “${text.slice(0, 20)}” ${ratio.toFixed(2)}:1`);
  }
  return bad;
}
"""
FONTS = ("standard", "large", "xlarge")
CONTRASTS = ("standard", "high")


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("contrast", CONTRASTS)
def test_every_public_template_in_every_display_mode_on_a_phone(
    browser, live_server, demo_site, assert_accessible, axe_script, font, contrast
):
    """One combination per test, so that the six share the workers instead of queueing on one."""
    from urllib.parse import urlsplit

    urls = [*public_urls(demo_site), "/bo/", "/en/campaigns/"]  # Tibetan script, English lists
    host = urlsplit(live_server.url).hostname
    failures = []
    context = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, is_mobile=True)
    context.add_init_script(script=axe_script)  # in every page it opens: nothing to inject per check
    context.add_cookies(
        [
            {"name": "fjld_font", "value": font, "domain": host, "path": "/"},
            {"name": "fjld_contrast", "value": contrast, "domain": host, "path": "/"},
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    for url in urls:
        page.goto(live_server.url + url)
        label = f"{url} ({font}, {contrast})"
        classes = page.evaluate("document.documentElement.className")
        assert (font == "standard" or f"font-{font}" in classes) and (
            contrast == "standard" or "contrast-high" in classes
        ), label
        assert_accessible(page, label)
        for problem in page.evaluate(LOW_CONTRAST_JS):
            failures.append(f"{label}: {problem}")
        # the layout viewport (clientWidth), not innerWidth: a phone zooms out to fit and
        # innerWidth grows with the overflow it should reveal
        wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if wide > 0:
            failures.append(f"{label}: {wide}px sideways")
    context.close()
    assert failures == []
