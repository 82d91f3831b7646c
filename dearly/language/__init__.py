"""Language models that run here, offline: a sentence encoder and a named-entity model.

Everything that understands letters (crisis screening, the anonymizer, "this may already help",
the desk's similar letters, search) goes through this package. Both models come from pinned
packages on PyPI, their files are checked against a sha256 at load, and nothing is fetched at run
time: `offline.py` switches off the two hidden network calls before either library is imported.
No letter text leaves the machine.
"""
