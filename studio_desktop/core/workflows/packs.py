"""How to install a custom node pack a template declares: the commands, and the sentence that
says them (validation's message and a blocked job's reason both end with it)."""

from __future__ import annotations

from typing import Final

from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message, verbatim
from studio_desktop.core.workflows.template import NodePack

# ComfyUI-Manager's command line (ltdrdata/ComfyUI-Manager docs/en/cm-cli.md): run in ComfyUI's
# folder with ComfyUI's own python; `install` takes a registry id since Manager v3.
MANAGER_CLI: Final = "python custom_nodes/ComfyUI-Manager/cm-cli.py install {id}"
# comfy-cli (Comfy-Org/comfy-cli, `pip install comfy-cli`): `comfy node install <id>`.
COMFY_CLI: Final = "comfy node install {id}"


def install_commands(pack: NodePack) -> tuple[str, ...]:
    """Terminal commands that install `pack` into a ComfyUI, best first: by registry id
    (ComfyUI-Manager's cm-cli, comfy-cli) when the template names one, else a git clone of its
    repository into custom_nodes/. Empty when the pack is not installed that way (a `hint`
    says what to do instead) or the template gives neither."""
    if pack.hint:
        return ()
    if pack.registry_id:
        return (MANAGER_CLI.format(id=pack.registry_id), COMFY_CLI.format(id=pack.registry_id))
    if pack.url.startswith("https://"):
        folder = pack.url.rstrip("/").removesuffix(".git").rsplit("/", 1)[-1]
        return (f"git clone {pack.url} custom_nodes/{folder}",)
    return ()


def install_how(pack: NodePack) -> UserMessage:
    """The sentence after "install the pack ...": the commands, or nothing."""
    commands = install_commands(pack)
    if not commands:
        return verbatim("")
    if pack.registry_id:
        return message(
            QT_TRANSLATE_NOOP(
                "CoreMessages",
                " In ComfyUI's folder, with its Python: {manager} (ComfyUI-Manager), or "
                "{comfy} (comfy-cli).",
            ),
            manager=commands[0],
            comfy=commands[1],
        )
    return message(
        QT_TRANSLATE_NOOP("CoreMessages", " In ComfyUI's folder: {command}."), command=commands[0]
    )
