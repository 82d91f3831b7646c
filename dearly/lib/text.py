"""Characters a reader cannot see, for checks like "is this letter empty?" and for counting words.

Pasted text often carries them: a byte-order mark from a word processor, zero-width spaces from
a web page, soft hyphens, non-breaking spaces. A letter made only of them looks empty to everyone
who reads it, and a word with a zero-width space inside is still one word.

Nothing here changes what is stored beyond its edges: a zero-width joiner inside a letter may
hold an emoji together (👩‍👧), and a zero-width non-joiner is part of how Persian is written.
"""

import re

# Format characters that draw nothing (Unicode's Cf, less the few that draw a sign), fillers
# that draw nothing (Hangul fillers, the braille blank), and marks that only modify the
# character before them (variation selectors, the combining grapheme joiner).
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
)
INVISIBLE = re.compile(f"[{_INVISIBLE}]")
_EDGES = re.compile(rf"^[\s{_INVISIBLE}]+|[\s{_INVISIBLE}]+$")
_BLANK = re.compile(rf"[\s\x00-\x1f\x7f-\x9f{_INVISIBLE}]*")


def without_invisible(text: str) -> str:
    """The text less the characters that draw nothing (spaces are kept: they separate words)."""
    return INVISIBLE.sub("", text)


def is_blank(text: str) -> bool:
    """True when nothing in the text can be seen: only spaces, control and invisible characters."""
    return _BLANK.fullmatch(text) is not None


def strip_invisible(text: str) -> str:
    """str.strip() that also takes invisible characters off both ends (a pasted BOM, say)."""
    return _EDGES.sub("", text)


_LINE_ENDINGS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")


def normalize_newlines(text: str) -> str:
    """Every line ending as "\\n". A browser's textarea sends "\\r\\n" (the HTML standard asks
    it to), a pasted document may bring a lone "\\r" or a Unicode line separator: code that
    looks for a blank line must see one kind only."""
    return _LINE_ENDINGS.sub("\n", text)


def first_block(text: str) -> tuple[str, str]:
    """The text up to its first blank line, and the rest ('' when there is none). A line that
    holds only spaces, tabs or invisible characters is blank too: it looks blank to the author
    and to Markdown alike."""
    lines = normalize_newlines(text).strip("\n").split("\n")
    for i, line in enumerate(lines):
        if i and is_blank(line) and not is_blank("\n".join(lines[:i])):
            return "\n".join(lines[:i]).rstrip(), "\n".join(lines[i + 1:]).strip("\n")
    return "\n".join(lines), ""
