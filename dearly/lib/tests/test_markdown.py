"""Markdown to HTML that is safe to show, the members-only teaser marker, and word counts."""

import pytest

from dearly.lib.markdown import plain_text, render, split_teaser, word_count

DANGEROUS = [
    ("<script>alert(1)</script>Hello", "<script"),
    ('<img src=x onerror="alert(1)">', "onerror"),
    ("[click](javascript:alert(1))", "javascript:"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ('<iframe src="https://evil.example"></iframe>', "<iframe"),
    ('<p style="background:url(x)">styled</p>', "style="),
    ("[data](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
    ('<svg onload="alert(1)"></svg>', "onload"),
]


@pytest.mark.parametrize(("source", "forbidden"), DANGEROUS)
def test_markdown_renders_dangerous_input_harmless(source, forbidden):
    assert forbidden not in render(source).lower()


def test_markdown_keeps_ordinary_formatting():
    html = render("## A heading\n\nSome **bold** and a [link](https://example.org).\n\n- one\n- two")
    assert "<h2>A heading</h2>" in html
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "<li>one</li>" in html


def test_the_teaser_ends_at_the_authors_marker():
    assert split_teaser("Public part.\n\n<!--more-->\n\nHidden part.") == ("Public part.", "Hidden part.")
    assert split_teaser("No marker here.") == ("No marker here.", "")


def test_plain_text_drops_tags_and_unescapes_entities():
    assert plain_text("<p>Tom &amp; Jerry&nbsp;<em>again</em></p>").split() == ["Tom", "&", "Jerry", "again"]


@pytest.mark.parametrize(("text", "words"), [
    ("", 0), ("one", 1), ("don't stop", 2), ("Don’t — stop!", 2), ("well-being", 2), ("3 kids, 2 jobs", 4),
])
def test_words_are_counted_with_inner_apostrophes(text, words):
    assert word_count(text) == words

