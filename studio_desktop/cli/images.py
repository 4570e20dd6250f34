"""`generate --image SLOT=PATH`, `--input PATH` and `--mask PATH`: the images a template's slots
take, and the inpainting mask of the one it masks.

Each file is checked and copied into the library's inputs/ folder exactly as the window's image
slots do (`OutputLibrary.copy_input`), and the job records the copy; the engine uploads it to
the server that runs the job. A `--mask` (white = repaint) goes into the alpha of its slot's
image, as the window's mask editor saves it (`core.library.masks`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from studio_desktop.cli.arguments import SlotImage
from studio_desktop.cli.arguments import slot_image as slot_image  # the tests' import path
from studio_desktop.cli.common import CliError
from studio_desktop.core.jobs import InputImage
from studio_desktop.core.library.files import OutputLibrary, OutputRejected
from studio_desktop.core.library.masks import MaskError, save_with_mask_file
from studio_desktop.core.workflows import ImageSlot, Template


def find_slot(template: Template, wanted: str) -> ImageSlot:
    """The image slot whose id or English label is `wanted` (case-insensitive)."""
    key = wanted.casefold()
    for slot in template.images:
        if key in (slot.name.casefold(), slot.label.casefold()):
            return slot
    raise CliError(f"template {template.id} has no image slot {wanted!r}; {_slots(template)}")


def chosen_images(
    template: Template, images: Sequence[SlotImage], first: str | None
) -> dict[str, Path]:
    """Slot id -> the file given for it; CliError for an unknown or doubled slot, or a required
    slot left empty (saying which slots there are and how to fill them)."""
    if (images or first is not None) and not template.images:
        raise CliError(f"template {template.id} takes no images (it has no image slots)")
    given: list[tuple[ImageSlot, str]] = []
    if first is not None:
        given.append((template.images[0], first))
    given += [(find_slot(template, image.slot), image.path) for image in images]
    chosen: dict[str, Path] = {}
    for slot, path in given:
        if slot.name in chosen:
            raise CliError(f"two images given for the slot {slot.name} ({slot.label})")
        chosen[slot.name] = Path(path).expanduser()
    missing = [slot for slot in template.images if slot.required and slot.name not in chosen]
    if missing:
        slot = missing[0]
        how = f"--image {slot.name}=PATH"
        if slot is template.images[0]:
            how = f"--input PATH or {how}"
        raise CliError(
            f"template {template.id} needs an image for {slot.name} ({slot.label}): pass {how}"
        )
    return chosen


def masked_slot(template: Template, mask: str | None) -> str | None:
    """The slot `--mask` applies to: the template's first slot that reads its image's alpha as
    the mask; CliError when the template masks nothing."""
    if mask is None:
        return None
    for slot in template.images:
        if slot.mask_from_alpha:
            return slot.name
    raise CliError(
        f"template {template.id} reads no mask; --mask needs an inpainting template "
        "(e.g. --template inpaint)"
    )


def copy_inputs(
    library: OutputLibrary,
    chosen: dict[str, Path],
    mask: tuple[str, Path] | None = None,
) -> tuple[InputImage, ...]:
    """Check and copy each file into inputs/, as the window does; `mask` (slot, mask file) is
    put into that slot's image as its alpha. CliError if a file is not a readable image (PNG,
    JPEG, WebP or GIF) or the mask does not fit its image."""
    if mask is not None and mask[0] not in chosen:
        raise CliError(f"--mask is for the slot {mask[0]}, which has no image: give it one")
    inputs: list[InputImage] = []
    for slot, path in chosen.items():
        try:
            if mask is not None and mask[0] == slot:
                copied = save_with_mask_file(library, path, mask[1])
            else:
                copied = library.copy_input(path)
        except OutputRejected as exc:
            raise CliError(f"{path}: {exc}") from exc
        except MaskError as exc:
            raise CliError(f"{mask[1] if mask else path}: {exc}") from exc
        except OSError as exc:
            raise CliError(f"{exc.filename or path}: {exc.strerror or exc}") from exc
        inputs.append(InputImage(slot, library.paths.relative(copied)))
    return tuple(inputs)


def _slots(template: Template) -> str:
    if not template.images:
        return "it takes no images"
    listed = ", ".join(f"{slot.name} ({slot.label})" for slot in template.images)
    return f"its image slots: {listed}"
