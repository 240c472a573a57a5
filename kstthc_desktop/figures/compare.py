"""Figures against other periods: what the previous period carries over, and the changes every report quotes
(against the previous period and the same period last year)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kstthc_desktop.figures.forms import load_form
from kstthc_desktop.figures.model import Figures, consolidate
from kstthc_desktop.periods import Period

if TYPE_CHECKING:
    from kstthc_desktop.store.store import Store


def figures_of(store: Store, form_id: str, period: Period, unit: str | None = None) -> Figures | None:
    """One unit's current figures for ``period``, or every unit's added up (None when there are none)."""
    from kstthc_desktop.store.figures import current_figures

    stored = current_figures(store, form_id, period.key, unit)
    if not stored:
        return None
    if unit is not None:
        return stored[0].figures
    return consolidate(load_form(form_id), [s.figures for s in stored])


def same_period_last_year(period: Period) -> Period:
    return Period(period.kind, period.year - 1, period.index)


def carried_over(store: Store, form_id: str, period: Period, unit: str | None = None) -> int | None:
    """The figure this period carries over from the last ("Từ kỳ trước": the last period's in-progress count),
    or None when the last period has no figures."""
    form = load_form(form_id)
    if form.carry is None:
        return None
    previous = figures_of(store, form_id, period.previous(), unit)
    if previous is None:
        return None
    return previous.effective_total().get(form.carry[0])


@dataclass
class Change:
    key: str
    now: int
    before: int | None

    @property
    def percent(self) -> float | None:
        """The change in per cent (None without a base)."""
        if self.before in (None, 0):
            return None
        return 100.0 * (self.now - self.before) / self.before


def changes(now: Figures, before: Figures | None) -> list[Change]:
    """Figure by figure, this period's total against another period's."""
    earlier = before.effective_total() if before else {}
    return [Change(k, v, earlier.get(k)) for k, v in now.effective_total().items()]
