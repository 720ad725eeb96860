"""axe-core (from npm, never a CDN) run in the page: WCAG 2.0/2.1 level A and AA rules.

The script is evaluated through the DevTools protocol, which the page's strict CSP does not govern,
so pages are checked exactly as they are served.
"""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`);
}"""


def axe_violations(page) -> list[str]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate("(source) => { (0, eval)(source); }", AXE.read_text())
    return page.evaluate(_RUN, TAGS)
