"""Throwaway domains come from the maintained disposable-email-domains package, with Dearly's
own few corrections."""

import disposable_email_domains

from dearly.lib import disposable_email
from dearly.lib.disposable_email import is_disposable

# In the package, and not on the 53-domain list Dearly kept by hand before it.
ONLY_IN_THE_PACKAGE = "emailfake.com"


def test_a_domain_the_package_lists_is_refused():
    assert ONLY_IN_THE_PACKAGE in disposable_email_domains.blocklist
    assert is_disposable(f"someone@{ONLY_IN_THE_PACKAGE}")
    assert is_disposable(f"someone@inbox.{ONLY_IN_THE_PACKAGE.upper()}.")


def test_an_ordinary_address_is_accepted():
    assert not is_disposable("sam@example.com")
    assert not is_disposable("sam@gmail.com")


def test_the_local_file_adds_domains_and_can_accept_one_the_package_refuses(tmp_path, monkeypatch):
    assert is_disposable("x@33mail.com")  # left out by the package, refused by Dearly
    local = tmp_path / "local.txt"
    local.write_text(f"# ours\nthrowaway.example\n!{ONLY_IN_THE_PACKAGE}\n", encoding="utf-8")
    monkeypatch.setattr(disposable_email, "LOCAL_FILE", local)
    disposable_email._lists.cache_clear()
    try:
        assert is_disposable("x@a.throwaway.example")
        assert not is_disposable(f"x@{ONLY_IN_THE_PACKAGE}")
    finally:
        disposable_email._lists.cache_clear()
