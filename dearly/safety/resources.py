from django.conf import settings

from dearly.safety.models import CrisisResource

EMERGENCY_NUMBERS = {"US": "911", "CA": "911", "GB": "999", "IE": "112", "AU": "000", "NZ": "111"}


def country_for(request) -> str:
    code = (request.GET.get("country") or "").upper()
    if len(code) == 2 and code.isalpha() and CrisisResource.objects.filter(country=code).exists():
        return code
    return settings.DEFAULT_COUNTRY


def resources_for(country: str, needs: list[str] | None = None):
    """Resources for a country, those for the given needs first."""
    resources = list(CrisisResource.objects.filter(country=country))
    if needs:
        rank = {need: i for i, need in enumerate(needs)}
        resources.sort(key=lambda r: (rank.get(r.need, len(rank) + (r.need != "any")), r.order))
        resources = [r for r in resources if r.need in rank or r.need == "any"]
    return resources


def emergency_number(country: str) -> str:
    return EMERGENCY_NUMBERS.get(country, "your local emergency number")
