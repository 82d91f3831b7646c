"""{% signup_form "place" %}: the sign-up form placed at that spot of the site, if any.

Placements: "home", "article", "landing" (the guide in the template's context). The form
carries no CSRF token and sets no cookie, because the pages it sits on are cached whole for
every anonymous reader; /subscribe/ checks where the POST came from instead.
"""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def signup_form(context, placement):
    from dearly.mailing.services import form_for

    guide = context.get("guide") if placement == "landing" else None
    if placement == "landing" and guide is None:
        return ""
    opt_in = form_for(placement, guide)
    if opt_in is None:
        return ""
    return render_to_string("mailing/_signup_form.html", {
        "opt_in": opt_in,
        "wording": opt_in.current_wording(),
        "placement": placement,
        "id_prefix": f"signup-{placement}",
    })
