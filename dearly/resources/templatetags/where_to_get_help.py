from django import template

from dearly.resources import selectors

register = template.Library()


@register.inclusion_tag("resources/_help_box.html")
def where_to_get_help(text):
    """The "Where to get help" box for a text (an answer as the reader sees it): the published
    resources it mentions by name or keyword, or nothing at all."""
    return {"help_resources": selectors.mentioned_in(str(text or ""))}
