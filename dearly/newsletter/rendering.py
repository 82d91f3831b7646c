"""A broadcast's email, rendered once: HTML and plain text, for readers entitled to the whole
article ("full") and for everyone else ("teaser").

What differs per recipient is only their unsubscribe and preferences links: the rendered email
holds a placeholder for each, replaced as each message is sent (see `personalize`).

The body is Markdown rendered and sanitized by dearly.lib.markdown, as everywhere on the site.
A broadcast made from a members-only article carries its hidden part only in the "full"
version; which recipients get that version is decided by the paywall's one function
(dearly.column.paywall.can_read_in_full), when the deliveries are made.
"""

import html as html_lib
import re

from django.conf import settings
from django.template import Context
from django.template.loader import get_template, render_to_string

from dearly.column import paywall
from dearly.lib import markdown

UNSUBSCRIBE = "@@DEARLY-UNSUBSCRIBE@@"
PREFERENCES = "@@DEARLY-PREFERENCES@@"
TEMPLATE = "newsletter/email/broadcast"
FOOTER_TEMPLATE = "mailing/email/footer.txt"

_BLOCK_END = re.compile(r"</(p|h[1-6]|blockquote|ul|ol|pre)>\s*", re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_LI = re.compile(r"<li[^>]*>", re.I)
_LINK = re.compile(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.I | re.S)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(html: str) -> str:
    """Readable plain text from our sanitized HTML: paragraphs kept, links as "text (url)"."""
    def link(match):
        url, label = html_lib.unescape(match.group(1)), match.group(2)
        return f"{label} ({url})" if url not in label else label

    text = _LINK.sub(link, html)
    text = _BLOCK_END.sub("\n\n", text)
    text = _BR.sub("\n", text)
    text = _LI.sub("- ", text)
    text = html_lib.unescape(_TAG.sub("", text)).replace("\xa0", " ")
    lines = [" ".join(line.split()) if not line.startswith("- ") else "- " + " ".join(line[2:].split())
             for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _article_parts(article, *, full: bool) -> tuple[str, str]:
    """(html, text) of an article in an email: the letter, then the answer (whole, or the
    teaser with a way to join), then a link to it on the site."""
    url = settings.SITE_URL + article.get_absolute_url()
    answer = article.answer_html if full else paywall.public_answer_html(article)
    hidden = article.is_members_only and not full
    title = html_lib.escape(article.title)
    html = [f'<h2 style="margin:0 0 12px 0;font-size:22px;">{title}</h2>',
            f'<blockquote style="margin:0 0 16px 0;padding:0 0 0 12px;border-left:3px solid #e4ddd3;">'
            f'{article.letter_html}</blockquote>', answer]
    if hidden:
        join = settings.SITE_URL + "/join/"
        html.append(f'<p style="margin:16px 0;"><em>The rest of this answer is for members.</em> '
                    f'<a href="{html_lib.escape(join)}" style="color:#8a3b2e;">Become a member</a>, or '
                    f'<a href="{html_lib.escape(url)}" style="color:#8a3b2e;">read it on the site</a> '
                    f'if you are one.</p>')
    else:
        html.append(f'<p style="margin:16px 0;"><a href="{html_lib.escape(url)}" style="color:#8a3b2e;">'
                    f'Read it on the site</a></p>')
    html = "\n".join(html)
    text = [article.title, "=" * min(len(article.title), 70), "", html_to_text(article.letter_html), "",
            html_to_text(answer), ""]
    if hidden:
        text.append(f"The rest of this answer is for members. Become a member: {settings.SITE_URL}/join/ "
                    f"(or read it on the site if you are one: {url})")
    else:
        text.append(f"Read it on the site: {url}")
    return html, "\n".join(text)


def bodies(broadcast) -> dict[str, tuple[str, str]]:
    """The issue's body, without the email around it: {"full": (html, text), "teaser": (…)}."""
    note = broadcast.body.strip()
    note_html = markdown.render(note) if note else ""
    note_text = html_to_text(note_html) if note else ""
    result = {}
    for variant in ("full", "teaser"):
        html, text = note_html, note_text
        if broadcast.article_id:
            article_html, article_text = _article_parts(broadcast.article, full=variant == "full")
            html = "\n".join(filter(None, [html, article_html]))
            text = "\n\n".join(filter(None, [text, article_text]))
        result[variant] = (html, text)
    return result


def _plain(template_name: str, context: dict) -> str:
    return get_template(template_name).template.render(Context(context, autoescape=False))


def _context(broadcast, body_html: str, body_text: str) -> dict:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "EXPERT_NAME": settings.EXPERT_NAME,
        "POSTAL_ADDRESS": settings.POSTAL_ADDRESS,
        "subject": broadcast.subject,
        "body_html": body_html,
        "body_text": body_text,
        "unsubscribe_url": UNSUBSCRIBE,
        "preferences_url": PREFERENCES,
    }


def render(broadcast) -> dict[str, str]:
    """The whole email (HTML and text, with the per-recipient placeholders) in both versions:
    {"html_full", "text_full", "html_teaser", "text_teaser"}. Called once per broadcast."""
    result = {}
    for variant, (body_html, body_text) in bodies(broadcast).items():
        ctx = _context(broadcast, body_html, body_text)
        text = _plain(f"{TEMPLATE}.txt", ctx).strip() + "\n\n" + _plain(FOOTER_TEMPLATE, ctx).strip() + "\n"
        result[f"html_{variant}"] = render_to_string(f"{TEMPLATE}.html", ctx)
        result[f"text_{variant}"] = text.replace("\r\n", "\n")
    return result


def personalize(rendered: str, *, unsubscribe_url: str, preferences_url: str) -> str:
    """One recipient's copy of a rendered part: their own links in place of the placeholders."""
    return rendered.replace(UNSUBSCRIBE, unsubscribe_url).replace(PREFERENCES, preferences_url)


def list_id() -> str:
    """The List-Id header (RFC 2919): the site's name and the sender's domain."""
    from email.utils import parseaddr

    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "dearly.invalid"
    label = re.sub(r"[^A-Za-z0-9 .-]", "", settings.SITE_NAME).strip() or "Newsletter"
    return f"{label} newsletter <newsletter.{domain}>"
