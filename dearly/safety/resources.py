from django.conf import settings

from dearly.safety.models import CrisisResource
from dearly.safety.numbers import dial_string

EMERGENCY_NUMBERS = {"US": "911", "CA": "911", "GB": "999", "IE": "112", "AU": "000", "NZ": "111"}


def country_for(request) -> str:
    code = (request.GET.get("country") or "").upper()
    if len(code) == 2 and code.isalpha() and CrisisResource.objects.filter(country=code).exists():
        return code
    return settings.DEFAULT_COUNTRY


def resources_for(country: str, needs: list[str] | None = None):
    """Resources for a country, those for the given needs first, each service once (988 answers
    for suicide and for fear of hurting someone, but a reader needs one card to tap)."""
    resources = list(CrisisResource.objects.filter(country=country))
    if needs:
        rank = {need: i for i, need in enumerate(needs)}
        resources.sort(key=lambda r: (rank.get(r.need, len(rank) + (r.need != "any")), r.order))
        resources = [r for r in resources if r.need in rank or r.need == "any"]
    seen, unique = set(), []
    for r in resources:
        service = (r.name.casefold(), dial_string(r.phone), dial_string(r.sms))
        if service not in seen:
            seen.add(service)
            unique.append(r)
    return unique




def emergency_number(country: str) -> str:
    return EMERGENCY_NUMBERS.get(country, "your local emergency number")
