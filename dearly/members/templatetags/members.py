from django import template

register = template.Library()

SYMBOLS = {"usd": "$", "eur": "€", "gbp": "£", "cad": "CA$", "aud": "A$"}


@register.filter
def price(cents, currency: str = "usd") -> str:
    """An honest price: 500, "usd" → "$5", 1250, "eur" → "€12.50"."""
    if cents is None:
        return ""
    amount = f"{cents / 100:.2f}".removesuffix(".00")
    symbol = SYMBOLS.get((currency or "").lower())
    return f"{symbol}{amount}" if symbol else f"{amount} {currency.upper()}"
