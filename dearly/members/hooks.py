"""What other apps keep about a member, for "download my data" and "delete my account".

An app that stores data about members registers it once, in its AppConfig.ready():

    from dearly.members import hooks
    hooks.register("tools", export=tools_data, erase=delete_tools_data)

`export(member)` returns a JSON-ready value, added to the export under `name`; `erase(member)`
runs inside the deletion's transaction, before the account itself goes. The members app never
imports those apps.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class MemberData:
    name: str
    export: Callable
    erase: Callable


REGISTRY: dict[str, MemberData] = {}


def register(name: str, *, export: Callable, erase: Callable) -> None:
    REGISTRY[name] = MemberData(name, export, erase)


def exports(member) -> dict:
    return {name: data.export(member) for name, data in REGISTRY.items()}


def erase_all(member) -> None:
    for data in REGISTRY.values():
        data.erase(member)
