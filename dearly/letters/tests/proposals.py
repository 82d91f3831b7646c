"""What the anonymizer proposes for a text, read the ways the round-by-round tests ask about it."""

import re

from dearly.letters.anonymizer import Kind, find_identifiers


def proposed(text):
    """Every span proposed, without the commas and spaces around it."""
    return {p.original.strip(" ,") for p in find_identifiers(text)}


def kinds(text, kind):
    """The spans proposed as this kind."""
    return {p.original.strip(" ,") for p in find_identifiers(text) if p.kind == kind}


def places(text):
    """Places proposed, without the preposition a proposal removes with them ("in Clare")."""
    return {re.sub(r"^(?:in|from|to|near|on|off|at|along|down)\s+", "", p) for p in kinds(text, Kind.PLACE)}
