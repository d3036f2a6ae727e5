"""Amounts of money as people read them: exact Decimals, two places, the locale's separators."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QLocale

_CENT = Decimal("0.01")


def money_text(amount: Decimal, currency: str, locale: QLocale | None = None) -> str:
    """ "1,234.50 EUR": never through float, so what is shown is what the server billed."""
    locale = locale if locale is not None else QLocale()
    cents = int(amount.quantize(_CENT, rounding=ROUND_HALF_UP) * 100)
    whole, fraction = divmod(abs(cents), 100)
    sign = locale.negativeSign() if cents < 0 else ""
    number = f"{sign}{locale.toString(whole)}{locale.decimalPoint()}{fraction:02d}"
    return f"{number} {currency}" if currency else number


def totals_by_currency(amounts: Iterable[tuple[Decimal, str]]) -> dict[str, Decimal]:
    """Sums per currency, in the order each currency first appears: EUR and USD never add up."""
    totals: dict[str, Decimal] = {}
    for amount, currency in amounts:
        totals[currency] = totals.get(currency, Decimal(0)) + amount
    return totals


def totals_text(totals: dict[str, Decimal], locale: QLocale | None = None) -> str:
    """ "34.70 EUR", or "10.00 EUR + 5.00 USD" when a customer is billed in more than one."""
    return " + ".join(money_text(amount, currency, locale) for currency, amount in totals.items())
