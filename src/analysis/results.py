"""What a run of the reports did: one ``ReportResult`` per report, one ``RunResult`` per run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ReportResult:
    """How one report went."""

    name: str
    status: str = "pending"  # ok | failed
    seconds: float = 0.0
    error: str = ""  # "ExceptionType: message" when failed
    notebook: Path | None = None
    html: Path | None = None
    parameters: dict = field(default_factory=dict)
    overrides: dict = field(default_factory=dict)

    def line(self) -> str:
        if self.status == "ok":
            return f"{self.name}: ok in {self.seconds:.1f} s -> {shown(self.html)}"
        return f"{self.name}: FAILED in {self.seconds:.1f} s: {self.error}"


@dataclass
class RunResult:
    """What ``run_reports`` did; ``summary()`` is the final line the CLI prints."""

    out: Path
    corpus: Path
    prepared: Path
    reused: bool
    reports: list[ReportResult]
    seconds: float
    index: Path
    manifest: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(r.status == "ok" for r in self.reports)

    @property
    def failed(self) -> list[ReportResult]:
        return [r for r in self.reports if r.status != "ok"]

    def summary(self) -> str:
        n_ok = sum(r.status == "ok" for r in self.reports)
        failed = f", {len(self.failed)} failed ({', '.join(r.name for r in self.failed)})" if self.failed else ""
        return f"{len(self.reports)} reports in {self.seconds:.1f} s: {n_ok} ok{failed} -> {shown(self.index)}"


def shown(path: str | Path | None) -> str:
    """A path as a person would type it: relative to the current directory when under it."""
    if path is None:
        return ""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)
