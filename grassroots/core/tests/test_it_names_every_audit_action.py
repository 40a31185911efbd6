"""Every action code the code base records has words for the audit log page: the sources are read
for the `action` of each `audit_record` call, so a new code without a label fails here."""

import ast
from pathlib import Path

import grassroots
from grassroots.core.audit_actions import AUDIT_ACTIONS
from grassroots.instructors.models import Step
from grassroots.reporting.models import FindingStatus, StepAction

# Codes built at run time, by the source of the expression that builds them: the values it takes.
BUILT = {
    "f'report_{action}'": [f"report_{a}" for a in StepAction.values],
    "f'finding_{finding.status}'": [
        f"finding_{s}" for s in (FindingStatus.CONFIRMED, FindingStatus.DISMISSED)
    ],
    "f'instructor_{step}'": [f"instructor_{s}" for s in (Step.RECOMMENDATION, Step.REVIEW)],
}


def _codes(expr: ast.expr) -> list[str]:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return [expr.value]
    if isinstance(expr, ast.IfExp):
        return _codes(expr.body) + _codes(expr.orelse)
    source = ast.unparse(expr)
    assert source in BUILT, f"say in BUILT which codes {source} records"
    return BUILT[source]


def recorded() -> dict[str, str]:
    """code → where it is recorded, for every audit_record call outside the tests."""
    root = Path(grassroots.__file__).parent
    found = {}
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("audit_record"):
                for kw in node.keywords:
                    if kw.arg == "action":
                        for code in _codes(kw.value):
                            found[code] = f"{path.relative_to(root)}:{node.lineno}"
    return found


def test_it_finds_the_codes_the_project_records() -> None:
    codes = recorded()
    for code in ("login", "login_failed", "ledger_export", "evaluation_rate", "report_passed_up"):
        assert code in codes


def test_every_recorded_code_has_a_label() -> None:
    missing = [f"{code} ({where})" for code, where in sorted(recorded().items()) if code not in AUDIT_ACTIONS]
    assert not missing, "no label in core/audit_actions.py for: " + ", ".join(missing)
