"""Units an amount is given in, and how to compare it with a threshold given in another unit of the
same measure (a 决定书 in 万元 against a threshold in 元, 平方米 against 亩). Exact: 1 亩 = 2000/3
平方米 (1 公顷 = 15 亩)."""

from decimal import ROUND_CEILING, Decimal
from fractions import Fraction

# unit -> (measure, size in the measure's base unit)
UNITS: dict[str, tuple[str, Fraction]] = {
    "元": ("money", Fraction(1)),
    "万元": ("money", Fraction(10_000)),
    "亿元": ("money", Fraction(100_000_000)),
    "平方米": ("area", Fraction(1)),
    "亩": ("area", Fraction(2000, 3)),
    "公顷": ("area", Fraction(10_000)),
    "克": ("mass", Fraction(1, 1000)),
    "千克": ("mass", Fraction(1)),
    "公斤": ("mass", Fraction(1)),
    "吨": ("mass", Fraction(1000)),
    "株": ("plants", Fraction(1)),
    "立方米": ("volume", Fraction(1)),
}
AMOUNT_PLACES = Decimal("0.0001")  # PenaltyDecision.amount keeps 4 decimal places


def same_measure(a: str, b: str) -> bool:
    return a in UNITS and b in UNITS and UNITS[a][0] == UNITS[b][0]


def threshold_in(value: Decimal, unit: str, other: str) -> Decimal:
    """`value` `unit` expressed in `other`, rounded up to the amounts' precision: an amount in
    `other` is at or over the threshold exactly when it is >= this (5 亩 = 3333.3334 平方米)."""
    exact = Fraction(value) * UNITS[unit][1] / UNITS[other][1]
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        AMOUNT_PLACES, rounding=ROUND_CEILING
    )
