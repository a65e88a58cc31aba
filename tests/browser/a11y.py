"""axe-core in the browser tests: the WCAG 2.1 A and AA audit of the course's own markup.

axe-core (pinned in package.json, installed into node_modules by ``npm ci``, which
``python3 run.py test`` runs) is read from disk and added to the page as a script, so the
audit needs no network, also in the player opened from a file. :func:`assert_accessible`
runs it with the tags of WCAG 2.0 and 2.1, levels A and AA, on a part of the page (the
explorer's output area in JupyterLab) or all of it (the player, Voilà), and splits what it
finds in two:

- the course's own markup (inside ``.kt-explorer``, or the whole page of the player, which
  is the course's): every violation there fails the test;
- the host's markup (JupyterLab's output area around the widget, Voilà's page): each
  violation there is printed and must be one of :data:`HOST_RULES`, which says why it is
  not the course's to fix; it is not counted. An unknown one fails the test, so that this
  list says what the hosts really cause.

Every host finding of the session is printed again at the end of the run
(:func:`host_findings_report`, from the ``pytest_terminal_summary`` hook in conftest.py).
"""

from __future__ import annotations

import dataclasses

from .labdriver import ROOT, skip_or_fail

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.0 and 2.1, levels A and AA: what universities must meet (ADA Title II, EN 301 549).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
#: Rules of the same criteria that axe keeps off unless asked (experimental, or slow on big
#: pages): label in name (WCAG 2.5.3: "Next ▶" must not be named "Step forward"),
#: orientation, and tables' headers and captions (1.3.1). Always asked for here.
WCAG_RULES_OFF_BY_DEFAULT = (
    "label-content-name-mismatch",
    "css-orientation-lock",
    "p-as-heading",
    "table-fake-caption",
    "td-has-header",
)
#: Best practices a page of its own should meet: one main landmark holding everything, and a
#: heading to start from (asked for on the player, whose whole page is the course's).
PAGE_RULES = ("landmark-one-main", "page-has-heading-one", "region")
#: The course's markup inside a host's page: the explorer.
OWN = ".kt-explorer"
#: Violations that the hosts' own markup causes, by axe rule, with the reason they are not
#: the course's: the explorer cannot change the page it is shown in.
HOST_RULES: dict[str, str] = {}

#: Every host finding of this session: (where, rule, target), printed at the end of the run.
HOST_FINDINGS: list[tuple[str, str, str]] = []

#: Runs axe on `scope` (an element, or the whole document): its violations, each node marked
#: as the course's or the host's, and how many of the course's elements passed a rule (an
#: audit that checked none of them would prove nothing).
RUN_AXE_JS = """async ([scope, tags, own, extraRules]) => {
  const rules = {};
  for (const rule of extraRules) rules[rule] = { enabled: true };
  const results = await axe.run(scope || document, {
    runOnly: { type: "tag", values: tags },
    rules,
    resultTypes: ["violations", "passes"],
    elementRef: true,
  });
  const ours = (node) => Boolean(node.element && node.element.closest && node.element.closest(own));
  const passed = results.passes.flatMap((rule) => rule.nodes).filter(ours).length;
  const violations = results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({
      target: node.target.join(" "),
      html: node.html.slice(0, 160),
      summary: node.failureSummary,
      own: ours(node),
    })),
  }));
  return { violations, passed };
}"""


@dataclasses.dataclass(frozen=True)
class Finding:
    """One element that breaks one rule: whose markup it is, and what axe says."""

    rule: str
    impact: str
    help: str
    target: str
    html: str
    summary: str
    own: bool

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}): {self.help}\n    at {self.target}: {self.html}"


def axe_source() -> str:
    """axe-core's script, as npm installed it."""
    if not AXE_JS.exists():
        skip_or_fail(
            "axe-core is not installed: run `npm ci` in the repository "
            "(python3 run.py test does it when npm is there)"
        )
    return AXE_JS.read_text(encoding="utf-8")


def audit(frame, scope=None, *, own: str = OWN, extra_rules=()) -> list[Finding]:
    """Run axe in `frame` (a Playwright Page or Frame) on `scope` (a Locator, or None for the
    whole document): every violation's every element, the course's (inside `own`) or not.
    `extra_rules` are axe rules to run besides the WCAG ones (PAGE_RULES, for example)."""
    if not frame.evaluate("() => typeof window.axe !== 'undefined'"):
        frame.add_script_tag(content=axe_source())
    handle = scope.element_handle() if scope is not None else None
    rules = [*WCAG_RULES_OFF_BY_DEFAULT, *extra_rules]
    result = frame.evaluate(RUN_AXE_JS, [handle, list(WCAG_TAGS), own, rules])
    assert result["passed"] > 0, "axe-core checked none of the course's elements: wrong scope?"
    violations = result["violations"]
    return [
        Finding(v["rule"], v["impact"], v["help"], n["target"], n["html"], n["summary"], n["own"])
        for v in violations
        for n in v["nodes"]
    ]


def assert_accessible(
    frame, scope=None, *, where: str, own: str = OWN, extra_rules=()
) -> list[Finding]:
    """No violation of WCAG 2.1 A/AA in the course's markup; the host's ones known and listed.

    Parameters
    ----------
    frame : playwright Page or Frame
    scope : playwright Locator, optional
        The part of the page to audit; the whole document by default.
    where : str
        Names the page and its state in the messages ("player, step 5, lecture mode").
    own : str, default OWN
        A CSS selector of the course's markup: an element inside it is the course's. "html"
        makes the whole page the course's (the player).
    extra_rules : sequence of str
        Rules to run besides the WCAG ones (PAGE_RULES on a page of the course's own).

    Returns
    -------
    list of Finding
        The host's findings (printed, and kept for the session's summary).
    """
    findings = audit(frame, scope, own=own, extra_rules=extra_rules)
    ours = [finding for finding in findings if finding.own]
    host = [finding for finding in findings if not finding.own]
    for finding in host:
        print(f"[axe, {where}] the host's, not counted: {finding}")
        HOST_FINDINGS.append((where, finding.rule, finding.target))
    assert not ours, f"axe-core finds in the course's markup ({where}):\n" + "\n".join(
        f"- {finding}\n    {finding.summary}" for finding in ours
    )
    unknown = sorted({finding.rule for finding in host} - set(HOST_RULES))
    assert not unknown, (
        f"axe-core finds in the host's markup ({where}) rules that HOST_RULES does not name: "
        f"{unknown}. If the host causes them, add each to HOST_RULES in tests/browser/a11y.py "
        "with the reason:\n" + "\n".join(f"- {f}" for f in host if f.rule in unknown)
    )
    return host


def host_findings_report() -> list[str]:
    """The lines that list the host findings of the session (empty when there were none)."""
    if not HOST_FINDINGS:
        return []
    lines = ["axe-core: violations in the hosts' markup (listed, not counted):"]
    for where, rule, target in HOST_FINDINGS:
        lines.append(f"  {where}: {rule} at {target} ({HOST_RULES.get(rule, 'unknown')})")
    return lines
