from django.shortcuts import render

from dearly.safety.models import CrisisResource
from dearly.safety.resources import country_for, emergency_number, resources_for


def help_now(request):
    country = country_for(request)
    return render(
        request,
        "safety/help_now.html",
        {
            "country": country,
            "countries": CrisisResource.objects.values_list("country", flat=True).distinct().order_by("country"),
            "resources": resources_for(country),
            "emergency_number": emergency_number(country),
            "quick_exit": True,
        },
    )
