"""Counting what the hostile-answers suites tried, for the figures printed at the end of a run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.support.figures import report


@dataclass
class Tally:
    layer: str
    cases: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    calls: set[str] = field(default_factory=set)
    failures: int = 0

    def case(self, call: str, kinds: list[str]) -> None:
        self.cases += 1
        self.calls.add(call)
        self.kinds.update(kinds)

    def property(self, run: Callable[[], None]) -> None:
        """Run one Hypothesis property; a counterexample it finds counts as one failure."""
        try:
            run()
        except BaseException:
            self.failures += 1
            raise

    def report(self) -> str:
        return report(
            "hostile answers",
            layer=self.layer,
            cases=self.cases,
            kinds=len([k for k in self.kinds if k != "valid"]),
            calls=len(self.calls),
            failures=self.failures,
        )
