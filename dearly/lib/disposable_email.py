"""Throwaway email domains: a note sent there is lost, and spammers favour them.

The list is the maintained `disposable-email-domains` package (pinned in pyproject.toml;
upgrading it is how the list stays fresh). disposable_domains_local.txt beside this file holds
Dearly's own few corrections: a line `domain` refuses a domain the package does not list, a
line `!domain` accepts one it does. Used by the letter form and the mailing list's sign-up forms.
"""

import functools
from pathlib import Path

import disposable_email_domains

LOCAL_FILE = Path(__file__).with_name("disposable_domains_local.txt")


@functools.cache
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    deny, allow = set(), set()
    for line in LOCAL_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line.startswith("!"):
            allow.add(line[1:].strip())
        elif line:
            deny.add(line)
    blocked = (set(disposable_email_domains.blocklist) | deny) - set(disposable_email_domains.allowlist) - allow
    return frozenset(blocked), frozenset(allow)


def is_disposable(email: str) -> bool:
    """Whether the address is at a throwaway domain (or a subdomain of one)."""
    blocked, allowed = _lists()
    domain = email.rpartition("@")[2].strip().lower().rstrip(".")
    parts = domain.split(".")
    suffixes = [".".join(parts[i:]) for i in range(len(parts) - 1)]
    # The most specific entry wins: an accepted subdomain of a refused domain stays accepted.
    for suffix in suffixes:
        if suffix in allowed:
            return False
        if suffix in blocked:
            return True
    return False
