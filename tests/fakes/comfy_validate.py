"""Prompt validation of the fake ComfyUI, after ComfyUI 0.3.64 ``execution.validate_prompt``.

Works from ``/object_info`` data instead of live node classes. Error dicts have the same types,
messages, details and ``extra_info`` as the recorded traces 07-14 and 46.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]

# Node classes whose VALIDATE_INPUTS takes over these inputs (so no combo check for them).
CUSTOM_VALIDATED: dict[str, tuple[str, ...]] = {
    "LoadImage": ("image",),
    "LoadImageMask": ("image",),
}

_KEYERROR_TRACEBACK = (
    '  File "/opt/ComfyUI/execution.py", line 788, in validate_inputs\n'
    "    o_class_type = prompt[o_id]['class_type']\n"
    "                   ~~~~~~^^^^^^\n"
)


@dataclass
class Validation:
    """Result of validating one prompt: ComfyUI's (valid, error, outputs, node_errors)."""

    ok: bool
    error: JSON | None
    outputs: list[str]
    node_errors: JSON = field(default_factory=dict)


def is_link(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], int)
    )


def input_spec(class_info: JSON, name: str) -> tuple[Any, str | None, JSON]:
    """(input type, category, extra info) of a named input, like ComfyUI's get_input_info."""
    for category in ("required", "optional"):
        spec = class_info.get("input", {}).get(category, {}).get(name)
        if spec is not None:
            extra = spec[1] if len(spec) > 1 and isinstance(spec[1], dict) else {}
            return spec[0], category, extra
    return None, None, {}


def type_matches(received: Any, wanted: Any) -> bool:
    """ComfyUI's validate_node_input (non-strict)."""
    if received == wanted:
        return True
    if not isinstance(received, str) or not isinstance(wanted, str):
        return False
    got = {t.strip() for t in received.split(",")}
    want = {t.strip() for t in wanted.split(",")}
    if "*" in got or "*" in want:
        return True
    return bool(got & want)


class _Validator:
    def __init__(self, prompt: JSON, info: JSON, input_exists: Callable[[str], bool]) -> None:
        self.prompt = prompt
        self.info = info
        self.input_exists = input_exists
        self.validated: dict[str, tuple[bool, list[JSON], str]] = {}

    def inputs_of(self, node_id: str) -> tuple[list[str], JSON]:
        class_info = self.info[self.prompt[node_id]["class_type"]]
        names: list[str] = []
        for category in ("required", "optional"):
            names.extend(class_info.get("input", {}).get(category, {}).keys())
        return names, class_info

    def validate(self, node_id: str, visiting: list[str]) -> tuple[bool, list[JSON], str]:
        if node_id in self.validated:
            return self.validated[node_id]
        if node_id in visiting:
            cycle = [*visiting[visiting.index(node_id) :], node_id]
            nodes = list(dict.fromkeys(cycle))
            path = " -> ".join(f"{n} ({self.prompt[n]['class_type']})" for n in cycle)
            for n in nodes:
                self.validated[n] = (
                    False,
                    [
                        {
                            "type": "dependency_cycle",
                            "message": "Dependency cycle detected",
                            "details": path,
                            "extra_info": {"node_id": n, "cycle_nodes": nodes},
                        }
                    ],
                    n,
                )
            return self.validated[node_id]

        inputs: JSON = self.prompt[node_id]["inputs"]
        class_type: str = self.prompt[node_id]["class_type"]
        names, class_info = self.inputs_of(node_id)
        custom = CUSTOM_VALIDATED.get(class_type, ())
        errors: list[JSON] = []
        valid = True

        for name in names:
            input_type, category, extra = input_spec(class_info, name)
            config = [input_type, extra]
            if name not in inputs:
                if category == "required":
                    errors.append(
                        {
                            "type": "required_input_missing",
                            "message": "Required input is missing",
                            "details": name,
                            "extra_info": {"input_name": name},
                        }
                    )
                continue
            val = inputs[name]
            if isinstance(val, list):
                if len(val) != 2:
                    errors.append(
                        {
                            "type": "bad_linked_input",
                            "message": "Bad linked input, must be a length-2 list of "
                            "[node_id, slot_index]",
                            "details": name,
                            "extra_info": {
                                "input_name": name,
                                "input_config": config,
                                "received_value": val,
                            },
                        }
                    )
                    continue
                o_id = val[0]
                # KeyError/IndexError escape on purpose, as in ComfyUI (trace 13).
                o_class = self.prompt[o_id]["class_type"]
                received = self.info[o_class]["output"][val[1]]
                if not type_matches(received, input_type):
                    errors.append(
                        {
                            "type": "return_type_mismatch",
                            "message": "Return type mismatch between linked nodes",
                            "details": f"{name}, received_type({received}) mismatch "
                            f"input_type({input_type})",
                            "extra_info": {
                                "input_name": name,
                                "input_config": config,
                                "received_type": received,
                                "linked_node": val,
                            },
                        }
                    )
                    continue
                try:
                    visiting.append(node_id)
                    try:
                        r = self.validate(o_id, visiting)
                    finally:
                        visiting.pop()
                    if r[0] is False:
                        valid = False
                        continue
                except Exception as ex:
                    valid = False
                    self.validated[o_id] = (
                        False,
                        [
                            {
                                "type": "exception_during_inner_validation",
                                "message": "Exception when validating inner node",
                                "details": str(ex),
                                "extra_info": {
                                    "input_name": name,
                                    "input_config": config,
                                    "exception_message": str(ex),
                                    "exception_type": type(ex).__qualname__,
                                    "traceback": [_KEYERROR_TRACEBACK],
                                    "linked_node": val,
                                },
                            }
                        ],
                        o_id,
                    )
                    continue
            else:
                error = self.check_constant(name, val, input_type, extra, config, inputs)
                if error is not None and name not in custom:
                    errors.append(error)
                    continue
                if error is not None and error["type"] == "invalid_input_type":
                    errors.append(error)
                    continue

        for name in custom:
            image = inputs.get(name)
            if isinstance(image, str) and not self.input_exists(image):
                errors.append(
                    {
                        "type": "custom_validation_failed",
                        "message": "Custom validation failed for node",
                        "details": f"{name} - Invalid image file: {image}",
                        "extra_info": {"input_name": name},
                    }
                )

        prev = self.validated.get(node_id, (True, [], node_id))
        ret = (
            prev[0] and valid and not errors,
            prev[1] + [e for e in errors if e not in prev[1]],
            node_id,
        )
        self.validated[node_id] = ret
        return ret

    @staticmethod
    def check_constant(
        name: str, val: Any, input_type: Any, extra: JSON, config: list[Any], inputs: JSON
    ) -> JSON | None:
        if isinstance(val, dict) and "__value__" in val:
            val = val["__value__"]
            inputs[name] = val
        converters: dict[str, Callable[[Any], Any]] = {
            "INT": int,
            "FLOAT": float,
            "STRING": str,
            "BOOLEAN": bool,
        }
        if isinstance(input_type, str) and input_type in converters:
            try:
                val = converters[input_type](val)
                inputs[name] = val
            except Exception as ex:
                return {
                    "type": "invalid_input_type",
                    "message": f"Failed to convert an input value to a {input_type} value",
                    "details": f"{name}, {val}, {ex}",
                    "extra_info": {
                        "input_name": name,
                        "input_config": config,
                        "received_value": val,
                        "exception_message": str(ex),
                    },
                }
        if "min" in extra and isinstance(val, int | float) and val < extra["min"]:
            return {
                "type": "value_smaller_than_min",
                "message": "Value {} smaller than min of {}".format(val, extra["min"]),
                "details": name,
                "extra_info": {"input_name": name, "input_config": config, "received_value": val},
            }
        if "max" in extra and isinstance(val, int | float) and val > extra["max"]:
            return {
                "type": "value_bigger_than_max",
                "message": "Value {} bigger than max of {}".format(val, extra["max"]),
                "details": name,
                "extra_info": {"input_name": name, "input_config": config, "received_value": val},
            }
        options: list[Any] | None = None
        if isinstance(input_type, list):
            options = input_type
        elif input_type == "COMBO":
            options = list(extra.get("options", []))
        if options is not None and val not in options:
            input_config: list[Any] | None = config
            if len(options) > 20:
                list_info = f"(list of length {len(options)})"
                input_config = None
            else:
                list_info = str(options)
            return {
                "type": "value_not_in_list",
                "message": "Value not in list",
                "details": f"{name}: '{val}' not in {list_info}",
                "extra_info": {
                    "input_name": name,
                    "input_config": input_config,
                    "received_value": val,
                },
            }
        return None


def validate_prompt(prompt: JSON, info: JSON, input_exists: Callable[[str], bool]) -> Validation:
    """Validate like ComfyUI 0.3.64; converts constant inputs in ``prompt`` in place."""
    outputs: list[str] = []
    for node_id, node in prompt.items():
        if "class_type" not in node:
            return Validation(
                False,
                {
                    "type": "invalid_prompt",
                    "message": "Cannot execute because a node is missing the class_type property.",
                    "details": f"Node ID '#{node_id}'",
                    "extra_info": {},
                },
                [],
            )
        class_type = node["class_type"]
        if class_type not in info:
            return Validation(
                False,
                {
                    "type": "invalid_prompt",
                    "message": f"Cannot execute because node {class_type} does not exist.",
                    "details": f"Node ID '#{node_id}'",
                    "extra_info": {},
                },
                [],
            )
        if info[class_type].get("output_node") is True:
            outputs.append(node_id)
    if not outputs:
        return Validation(
            False,
            {
                "type": "prompt_no_outputs",
                "message": "Prompt has no outputs",
                "details": "",
                "extra_info": {},
            },
            [],
        )

    v = _Validator(prompt, info, input_exists)
    good: list[str] = []
    errors: list[tuple[str, list[JSON]]] = []
    node_errors: JSON = {}
    for o in outputs:
        try:
            valid, reasons, _ = v.validate(o, [])
        except Exception as ex:
            valid = False
            reasons = [
                {
                    "type": "exception_during_validation",
                    "message": "Exception when validating node",
                    "details": str(ex),
                    "extra_info": {
                        "exception_type": type(ex).__qualname__,
                        "traceback": [_KEYERROR_TRACEBACK],
                    },
                }
            ]
            v.validated[o] = (False, reasons, o)
        if valid:
            good.append(o)
            continue
        errors.append((o, reasons))
        for node_id, (ok, node_reasons, _) in v.validated.items():
            if ok or not node_reasons:
                continue
            if node_id not in node_errors:
                node_errors[node_id] = {
                    "errors": node_reasons,
                    "dependent_outputs": [],
                    "class_type": prompt[node_id]["class_type"],
                }
            node_errors[node_id]["dependent_outputs"].append(o)

    if not good:
        details = "\n".join(f"{e['message']}: {e['details']}" for _, errs in errors for e in errs)
        return Validation(
            False,
            {
                "type": "prompt_outputs_failed_validation",
                "message": "Prompt outputs failed validation",
                "details": details,
                "extra_info": {},
            },
            [],
            node_errors,
        )
    return Validation(True, None, good, node_errors)
