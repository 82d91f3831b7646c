"""Markdown to HTML that is safe to show: rendered, then sanitized with an allow-list."""

import re

import markdown as md
import nh3

from dearly.lib.text import without_invisible

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "blockquote",
    "ul", "ol", "li", "a", "code", "pre", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
TEASER_MARKER = "<!--more-->"
# What authors type for it: <!--more-->, <!-- more -->, <!--MORE--> all end the teaser.
_TEASER_MARKER = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_TAG = re.compile(r"<[^>]+>")


def render(text: str) -> str:
    html = md.markdown(text, extensions=["sane_lists", "smarty"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def split_teaser(text: str) -> tuple[str, str]:
    """The part before the author's <!--more--> marker, and the rest ('' when no marker)."""
    marker = _TEASER_MARKER.search(text)
    if marker is None:
        return text, ""
    return text[:marker.start()].rstrip(), text[marker.end():].lstrip()


def without_teaser_marker(text: str) -> str:
    return _TEASER_MARKER.sub("", text)


def plain_text(html: str) -> str:
    import html as html_lib

    return html_lib.unescape(_TAG.sub(" ", html)).replace("\xa0", " ")


def word_count(text: str) -> int:
    # "hel\u200blo" (a zero-width space inside) is one word, as every reader sees it.
    return len(_WORD.findall(without_invisible(text)))
