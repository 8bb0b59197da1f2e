"""Exact money: amounts are float64 yuan, rounded to the fen half up at the end.

openfisca-core stores `float` variables as float32, which is exact to the
fen only up to about 10^5 yuan. The tax-benefit system stores every variable
whose unit is `currency-CNY` as float64 instead, which is exact to the fen
far beyond 10^9 yuan. `openfisca test` still compares in float32.
"""

from decimal import ROUND_HALF_UP, Context, Decimal

import numpy

FEN_PER_YUAN = 100


def round_to_fen(amounts):
    """Round yuan amounts to the fen, half up (0.005 becomes 0.01)."""
    amounts = numpy.asarray(amounts, dtype=numpy.float64)
    # Rounding the scaled value to 6 decimals first removes representation
    # error (2.675 * 100 is 267.49999999999997), so the floor then rounds
    # the decimal value half up.
    scaled = numpy.round(amounts * FEN_PER_YUAN, 6)
    return numpy.floor(scaled + 0.5) / FEN_PER_YUAN


def to_decimal(amount) -> Decimal:
    """Return an amount as a Decimal exact to the fen."""
    # A context wide enough for any float64 keeps quantize from failing on
    # amounts far beyond the 28 digits of the default context.
    context = Context(prec=400)
    # Round the float first, as round_to_fen does, so that a sum such as
    # 1102.7649999999999 (meant as 1102.765) gives 1102.77.
    rounded = float(round_to_fen(amount))
    return Decimal(repr(rounded)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP, context=context)
