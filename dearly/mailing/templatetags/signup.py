"""{% signup_form "place" %}: the sign-up form placed at that spot of the site, if any.

The mailing app fills this in; until a form is placed, nothing is shown.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def signup_form(context, placement):
    return ""
