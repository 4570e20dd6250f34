"""A typed, read-only view over ComfyUI's `GET /object_info`.

Tolerant by design: custom nodes publish odd specs, so anything of an unexpected shape reads as
"absent" rather than raising.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_SECTIONS = ("required", "optional")


class ObjectInfo:
    """Node classes, their inputs and outputs, and the model lists the server offers."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw: Mapping[str, Any] = raw

    @property
    def node_classes(self) -> frozenset[str]:
        return frozenset(self.raw)

    def has(self, class_type: str) -> bool:
        return isinstance(self.raw.get(class_type), Mapping)

    def _node(self, class_type: str) -> Mapping[str, Any]:
        node = self.raw.get(class_type)
        return node if isinstance(node, Mapping) else {}

    def _inputs(self, class_type: str, section: str) -> Mapping[str, Any]:
        inputs = self._node(class_type).get("input")
        if not isinstance(inputs, Mapping):
            return {}
        found = inputs.get(section)
        return found if isinstance(found, Mapping) else {}

    def _raw_spec(self, class_type: str, input_name: str) -> list[Any] | None:
        for section in _SECTIONS:
            spec = self._inputs(class_type, section).get(input_name)
            if isinstance(spec, list | tuple) and spec:
                return list(spec)
        return None

    def input_spec(self, class_type: str, input_name: str) -> tuple[str, dict[str, Any]] | None:
        """(type, config) of a required or optional input; a list input has type "COMBO"."""
        spec = self._raw_spec(class_type, input_name)
        if spec is None:
            return None
        config = dict(spec[1]) if len(spec) > 1 and isinstance(spec[1], Mapping) else {}
        head = spec[0]
        if isinstance(head, list):  # old combo form: [[options], {config}]
            return "COMBO", {**config, "options": list(head)}
        return str(head), config

    def combo_options(self, class_type: str, input_name: str) -> list[str] | None:
        """Choices of a list input, for both `[[opts], {}]` and `["COMBO", {"options": [...]}]`.

        None if the input does not exist or is not a list. A COMBO whose options the server only
        lists through another route (`remote`) reads as an empty list.
        """
        spec = self.input_spec(class_type, input_name)
        if spec is None or spec[0] != "COMBO":
            return None
        options = spec[1].get("options")
        if not isinstance(options, list):
            return []
        return [str(option) for option in options]

    def required_inputs(self, class_type: str) -> list[str]:
        return list(self._inputs(class_type, "required"))

    def output_types(self, class_type: str) -> list[str]:
        outputs = self._node(class_type).get("output")
        return [str(o) for o in outputs] if isinstance(outputs, list) else []

    def is_output_node(self, class_type: str) -> bool:
        return self._node(class_type).get("output_node") is True

    def _options(self, class_type: str, input_name: str) -> list[str]:
        return self.combo_options(class_type, input_name) or []

    @property
    def checkpoints(self) -> list[str]:
        return self._options("CheckpointLoaderSimple", "ckpt_name")

    @property
    def loras(self) -> list[str]:
        return self._options("LoraLoader", "lora_name")

    @property
    def vaes(self) -> list[str]:
        return self._options("VAELoader", "vae_name")

    @property
    def samplers(self) -> list[str]:
        return self._options("KSampler", "sampler_name")

    @property
    def schedulers(self) -> list[str]:
        return self._options("KSampler", "scheduler")

    @property
    def upscale_models(self) -> list[str]:
        return self._options("UpscaleModelLoader", "model_name")

    @property
    def controlnets(self) -> list[str]:
        return self._options("ControlNetLoader", "control_net_name")
