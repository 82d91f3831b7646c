"""Import a big module on first use rather than at start-up: the recipe in importlib's
documentation ("Implementing lazy imports").

Every web process imports every view at start-up; a module only a few requests need (Stripe's
SDK, 23 MB with what it pulls in) should not sit in each process for the life of the server.
"""

import importlib.util
import sys
from types import ModuleType


def lazy_import(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


# Stripe's SDK: loaded by the first request that talks to Stripe (`from dearly.lib.lazy import stripe`).
stripe = lazy_import("stripe")
