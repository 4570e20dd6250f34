"""Finds where our parameters go in an imported API-format workflow.

Starts from the sampler(s) and follows links upstream: positive/negative conditioning back to
their text encoders (through combine and ControlNet nodes), the model back to its loader (through
LoRA chains), the latent back to an empty latent (size) or a VAE encode (img2img source). The
user confirms or renames what this finds before it is saved as a template.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.workflows.template import ImageSlot, SlotTarget

SAMPLERS = {
    "KSampler": ("seed", "steps", "cfg", "sampler_name", "scheduler", "denoise"),
    "KSamplerAdvanced": ("noise_seed", "steps", "cfg", "sampler_name", "scheduler", None),
}
_SAMPLER_SLOTS = ("seed", "steps", "cfg", "sampler", "scheduler", "denoise")
# Text encoders and the inputs that take the prompt text.
TEXT_ENCODERS = {
    "CLIPTextEncode": ("text",),
    "CLIPTextEncodeSDXL": ("text_g", "text_l"),
    "CLIPTextEncodeSDXLRefiner": ("text",),
    "CLIPTextEncodeSD3": ("clip_l", "clip_g", "t5xxl"),
    "CLIPTextEncodeFlux": ("clip_l", "t5xxl"),
}
MODEL_LOADERS = {
    "CheckpointLoaderSimple": "ckpt_name",
    "CheckpointLoader": "ckpt_name",
    "ImageOnlyCheckpointLoader": "ckpt_name",
    "unCLIPCheckpointLoader": "ckpt_name",
    "UNETLoader": "unet_name",
}
LORA_LOADERS = {"LoraLoader", "LoraLoaderModelOnly"}
# Conditioning nodes whose output carries nothing of the text that went in: a walk back from a
# sampler stops there, so the text upstream is not taken for what that input receives.
TEXT_ERASERS = {"ConditioningZeroOut"}
IMAGE_LOADERS = {"LoadImage": "image", "LoadImageMask": "image"}
_CONDITIONING_NAMES = {
    "conditioning",
    "conditioning_1",
    "conditioning_2",
    "conditioning_to",
    "conditioning_from",
    "positive",
    "negative",
    "cond",
}
_LATENT_NAMES = ("latent_image", "samples", "latent", "samples1", "destination")


@dataclass(frozen=True)
class DetectedSlots:
    """What detection found: slots as a template declares them, plus how sure it is and why."""

    slots: Mapping[str, tuple[SlotTarget, ...]]
    images: tuple[ImageSlot, ...] = ()
    confidence: Mapping[str, float] = field(default_factory=dict)  # 1.0 sure .. 0 a guess
    notes: tuple[str, ...] = ()
    main_sampler: str | None = None

    def renamed(self, renames: Mapping[str, str | None]) -> DetectedSlots:
        """A copy with slots (or image slots) renamed; mapping a name to None drops it."""
        slots: dict[str, tuple[SlotTarget, ...]] = {}
        confidence: dict[str, float] = {}
        for name, targets in self.slots.items():
            new = renames.get(name, name)
            if new is None:
                continue
            slots[new] = slots.get(new, ()) + targets
            confidence[new] = self.confidence.get(name, 1.0)
        images = []
        for image in self.images:
            new = renames.get(image.name, image.name)
            if new is not None:
                images.append(dataclasses.replace(image, name=new))
        return DetectedSlots(slots, tuple(images), confidence, self.notes, self.main_sampler)


def detect_slots(graph: Mapping[str, Any], object_info: ObjectInfo | None = None) -> DetectedSlots:
    """Slots for an API-format graph (assumed structurally valid: see check_structure)."""
    return _Detector(graph, object_info).run()


def _link(value: Any) -> tuple[str, int] | None:
    if (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], int)
    ):
        return value[0], value[1]
    return None


def _order(node_id: str) -> tuple[int, str]:
    return (int(node_id), "") if node_id.isdigit() else (1 << 62, node_id)


class _Detector:
    def __init__(self, graph: Mapping[str, Any], info: ObjectInfo | None) -> None:
        self.graph = {
            str(k): v
            for k, v in graph.items()
            if isinstance(v, Mapping) and isinstance(v.get("class_type"), str)
        }
        self.info = info
        self.slots: dict[str, list[SlotTarget]] = {}
        self.confidence: dict[str, float] = {}
        self.notes: list[str] = []

    # --- graph access ---

    def cls(self, node_id: str) -> str:
        return str(self.graph[node_id]["class_type"])

    def inputs(self, node_id: str) -> Mapping[str, Any]:
        found = self.graph[node_id].get("inputs", {})
        return found if isinstance(found, Mapping) else {}

    def links(self, node_id: str) -> Iterator[tuple[str, str, int]]:
        for name, value in self.inputs(node_id).items():
            link = _link(value)
            if link and link[0] in self.graph:
                yield str(name), link[0], link[1]

    def consumers(self, node_id: str) -> Iterator[tuple[str, str, int]]:
        """(consumer node, its input name, output index) for every link out of node_id."""
        for other in sorted(self.graph, key=_order):
            for name, source, index in self.links(other):
                if source == node_id:
                    yield other, name, index

    def is_sampler(self, node_id: str) -> bool:
        return self.cls(node_id) in SAMPLERS

    def input_type(self, node_id: str, name: str) -> str | None:
        if self.info is None or not self.info.has(self.cls(node_id)):
            return None
        spec = self.info.input_spec(self.cls(node_id), name)
        return spec[0] if spec else None

    def add(self, slot: str, node: str, input_name: str, confidence: float = 1.0) -> None:
        target = SlotTarget(node, input_name)
        targets = self.slots.setdefault(slot, [])
        if target not in targets:
            targets.append(target)
        self.confidence[slot] = min(self.confidence.get(slot, 1.0), confidence)

    def constant(self, node_id: str, name: str) -> bool:
        return name in self.inputs(node_id) and _link(self.inputs(node_id)[name]) is None

    # --- detection ---

    def run(self) -> DetectedSlots:
        samplers = sorted((n for n in self.graph if self.is_sampler(n)), key=_order)
        main = self._main_sampler(samplers)
        if main is None:
            self.notes.append(
                "No KSampler found: prompt, seed and steps could not be placed; "
                "only images and output names were detected."
            )
        else:
            self._sampler(main, samplers)
            # Every positive first: an encoder that also reaches a negative input stays the
            # prompt's (a node can fill only one of them), and the note says so.
            for sampler in samplers:
                self._text(sampler, "positive", "prompt", main)
            for sampler in samplers:
                self._text(sampler, "negative", "negative", main)
            self._model(main)
            self._latent(main)
        images = self._images()
        for node_id in sorted(self.graph, key=_order):
            if self._is_output(node_id) and self.constant(node_id, "filename_prefix"):
                self.add("filename_prefix", node_id, "filename_prefix")
        return DetectedSlots(
            slots={k: tuple(v) for k, v in self.slots.items()},
            images=images,
            confidence=dict(self.confidence),
            notes=tuple(self.notes),
            main_sampler=main,
        )

    def _main_sampler(self, samplers: list[str]) -> str | None:
        # The main sampler is one whose latent does not come from another sampler (an SDXL
        # refiner or a hires-fix pass reads the first one's output).
        firsts = [s for s in samplers if not self._fed_by_sampler(s)]
        if len(samplers) > 1:
            others = ", ".join(s for s in samplers if s != (firsts or samplers)[0])
            self.notes.append(
                f"{len(samplers)} samplers: node {(firsts or samplers)[0]} is the main one; "
                f"the seed also goes to node(s) {others}, their other settings stay as saved."
            )
        return (firsts or samplers)[0] if samplers else None

    def _fed_by_sampler(self, sampler: str) -> bool:
        seen: set[str] = set()
        stack = [s for n, s, _ in self.links(sampler) if n in _LATENT_NAMES]
        while stack:
            node_id = stack.pop()
            if node_id in seen:
                continue
            seen.add(node_id)
            if self.is_sampler(node_id):
                return True
            stack.extend(s for _, s, _ in self.links(node_id))
        return False

    def _sampler(self, main: str, samplers: list[str]) -> None:
        for slot, name in zip(_SAMPLER_SLOTS, SAMPLERS[self.cls(main)], strict=True):
            if name and self.constant(main, name):
                self.add(slot, main, name)
        for other in samplers:
            seed_input = SAMPLERS[self.cls(other)][0]
            if other != main and seed_input and self.constant(other, seed_input):
                self.add("seed", other, seed_input)

    def _text(self, sampler: str, which: str, slot: str, main: str) -> None:
        link = _link(self.inputs(sampler).get(which))
        if link is None or link[0] not in self.graph:
            return
        encoders = self._encoders(link[0], link[1], set())
        if not encoders:
            if sampler == main and slot == "prompt":
                self.notes.append(
                    f"No prompt text reaches the positive input of node {sampler} (its "
                    "conditioning is zeroed out or made without a text encoder), so this "
                    "workflow has no prompt to fill in."
                )
            return
        other = "negative" if slot == "prompt" else "prompt"
        taken = {t.node for t in self.slots.get(other, [])}
        for node_id in (e for e in encoders if e in taken):
            self.confidence[other] = min(self.confidence.get(other, 1.0), 0.3)
            self.notes.append(
                f"Node {node_id} feeds both the positive and the negative input of the "
                f"sampler(s): it gets the {other}; check which one the prompt should go to."
            )
        encoders = [e for e in encoders if e not in taken]
        if not encoders:
            return
        first, *rest = encoders
        confidence = 1.0 if not rest else 0.8
        for name in TEXT_ENCODERS[self.cls(first)]:
            if self.constant(first, name):
                self.add(slot, first, name, confidence)
        if rest:
            self.notes.append(
                f"The {which} conditioning of node {sampler} combines several texts; the "
                f"{slot} goes to node {first}, node(s) {', '.join(rest)} keep their text."
            )

    def _encoders(self, node_id: str, index: int, seen: set[str]) -> list[str]:
        """Text encoders whose text reaches output `index` of `node_id`, main branch first."""
        if node_id in seen:
            return []
        seen.add(node_id)
        class_type = self.cls(node_id)
        if class_type in TEXT_ENCODERS:
            return [node_id]
        if class_type in TEXT_ERASERS or self.is_sampler(node_id):
            return []  # no text passes: zeroed out, or not conditioning at all (a latent)
        inputs = self.inputs(node_id)
        # Nodes with a positive and a negative input (ControlNetApplyAdvanced,
        # InpaintModelConditioning, WanImageToVideo, ...) output them in that order: follow
        # only the matching one. Their other outputs (a latent) carry no text.
        if "positive" in inputs and "negative" in inputs:
            if index not in (0, 1):
                return []
            link = _link(inputs["positive" if index == 0 else "negative"])
            if link is None or link[0] not in self.graph:
                return []
            return self._encoders(link[0], link[1], seen)
        found: list[str] = []
        for name, source, source_index in self.links(node_id):
            kind = self.input_type(node_id, name)
            if kind == "CONDITIONING" or (kind is None and name in _CONDITIONING_NAMES):
                found.extend(self._encoders(source, source_index, seen))
        return found

    def _model(self, main: str) -> None:
        node = _link(self.inputs(main).get("model"))
        loras: list[str] = []
        seen: set[str] = set()
        while node is not None and node[0] in self.graph and node[0] not in seen:
            node_id = node[0]
            seen.add(node_id)
            class_type = self.cls(node_id)
            if class_type in MODEL_LOADERS:
                if self.constant(node_id, MODEL_LOADERS[class_type]):
                    self.add("model", node_id, MODEL_LOADERS[class_type])
                if class_type == "UNETLoader":
                    self.notes.append(
                        f"The model is a diffusion model file (UNETLoader, node {node_id}), "
                        "not a checkpoint; pick it from the server's diffusion_models list."
                    )
                break
            if class_type in LORA_LOADERS:
                loras.append(node_id)
            node = _link(self.inputs(node_id).get("model"))
        # Nearest the loader first, the order the chain is applied in.
        for number, node_id in enumerate(reversed(loras), start=1):
            if self.constant(node_id, "lora_name"):
                self.add(f"lora_{number}", node_id, "lora_name")
            for name in ("strength_model", "strength_clip"):
                if self.constant(node_id, name):
                    self.add(f"lora_{number}_strength", node_id, name)

    def _latent(self, main: str) -> None:
        node = _link(self.inputs(main).get("latent_image"))
        seen: set[str] = set()
        while node is not None and node[0] in self.graph and node[0] not in seen:
            node_id = node[0]
            seen.add(node_id)
            inputs = self.inputs(node_id)
            if all(self.constant(node_id, n) for n in ("width", "height")):
                self.add("width", node_id, "width")
                self.add("height", node_id, "height")
                if self.constant(node_id, "batch_size"):
                    self.add("batch_size", node_id, "batch_size")
                return
            if "pixels" in inputs:  # VAEEncode & co: image-to-image, the size is the image's
                return
            node = next(
                (_link(inputs[n]) for n in _LATENT_NAMES if _link(inputs.get(n))),
                None,
            )

    def _images(self) -> tuple[ImageSlot, ...]:
        found: list[ImageSlot] = []
        used: set[str] = set()
        for node_id in sorted(self.graph, key=_order):
            class_type = self.cls(node_id)
            if class_type not in IMAGE_LOADERS or not self.constant(node_id, "image"):
                continue
            consumers = list(self.consumers(node_id))
            base = self._image_role(consumers)
            name, number = base, 1
            while name in used:
                number += 1
                name = f"{base}_{number}"
            used.add(name)
            meta = self.graph[node_id].get("_meta")
            title = meta.get("title") if isinstance(meta, Mapping) else None
            label = (
                str(title)
                if isinstance(title, str) and title and title != "Load Image"
                else name.replace("_", " ").capitalize()
            )
            uses_mask = class_type == "LoadImage" and any(i == 1 for _, _, i in consumers)
            found.append(
                ImageSlot(name, label, node_id, IMAGE_LOADERS[class_type], True, uses_mask)
            )
        return tuple(found)

    def _image_role(self, consumers: list[tuple[str, str, int]]) -> str:
        for node_id, name, _ in consumers:
            class_type = self.cls(node_id)
            if name == "pixels" or class_type.startswith("VAEEncode"):
                return "source"
            if "ControlNet" in class_type and name == "image":
                return "control"
        return "image"

    def _is_output(self, node_id: str) -> bool:
        class_type = self.cls(node_id)
        if self.info is not None and self.info.has(class_type):
            return self.info.is_output_node(class_type)
        return class_type.startswith("Save")
