"""Template text in the UI languages: every built-in template is translated, and whatever a
template leaves untranslated (an imported one: everything) falls back to English."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from studio_desktop.core.workflows import (
    Template,
    TemplateError,
    TemplateRegistry,
    TemplateText,
    parse_template,
)

LANGUAGES = ("zh_CN", "zh_TW")
BUILTIN = TemplateRegistry(user_dir=None).all()

DOCUMENT: dict[str, Any] = {
    "format": 1,
    "id": "mine",
    "name": "My workflow",
    "description": "Made by the importer.",
    "slots": {"prompt": {"node": "1", "input": "text"}},
    "images": [
        {"name": "source", "label": "Source", "node": "2", "input": "image"},
        {"name": "mask", "node": "3", "input": "image", "required": False},
    ],
    "graph": {
        "1": {"class_type": "CLIPTextEncode", "inputs": {"text": ""}},
        "2": {"class_type": "LoadImage", "inputs": {"image": "a.png"}},
        "3": {"class_type": "LoadImage", "inputs": {"image": "b.png"}},
    },
}


def document(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(DOCUMENT)
    data.update(changes)
    return data


def test_there_are_eleven_builtin_templates() -> None:
    assert len(BUILTIN) == 11


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", BUILTIN, ids=lambda t: t.id)
def test_builtin_templates_are_translated(template: Template, language: str) -> None:
    text = template.i18n.get(language)
    assert text is not None, f"{template.id} has no {language} text"
    assert text.name.strip() and text.description.strip()
    assert template.display_name(language) == text.name != template.name
    assert template.display_description(language) == text.description != template.description
    for slot in template.images:
        assert text.images.get(slot.name, "").strip(), f"{template.id}: {slot.name} unlabelled"
        assert template.image_label(slot.name, language) == text.images[slot.name]


@pytest.mark.parametrize("template", BUILTIN, ids=lambda t: t.id)
def test_simplified_and_traditional_texts_differ(template: Template) -> None:
    # A copy-paste of one into the other would pass the checks above.
    assert template.display_description("zh_CN") != template.display_description("zh_TW")


def test_builtin_english_is_unchanged() -> None:
    txt2img = next(t for t in BUILTIN if t.id == "txt2img")
    img2img = next(t for t in BUILTIN if t.id == "img2img")
    assert txt2img.display_name("en") == "Text to image"
    assert img2img.image_label("source", "en") == "Source image"
    assert txt2img.display_name("zh_CN") == "文生图"
    assert txt2img.display_name("zh_TW") == "文字轉圖片"


@pytest.mark.parametrize("language", ["en", "zh_CN", "zh_TW", "fr", ""])
def test_a_template_without_i18n_shows_english(language: str) -> None:
    template = parse_template(document())
    assert template.i18n == {}
    assert template.display_name(language) == "My workflow"
    assert template.display_description(language) == "Made by the importer."
    assert template.image_label("source", language) == "Source"
    assert template.image_label("mask", language) == "mask"  # no label: the slot name


def test_missing_parts_fall_back_to_english() -> None:
    template = parse_template(
        document(i18n={"zh_CN": {"name": "我的工作流", "images": {"source": "源图片"}}})
    )
    assert template.i18n["zh_CN"] == TemplateText(name="我的工作流", images={"source": "源图片"})
    assert template.display_name("zh_CN") == "我的工作流"
    assert template.display_description("zh_CN") == "Made by the importer."
    assert template.image_label("source", "zh_CN") == "源图片"
    assert template.image_label("mask", "zh_CN") == "mask"
    # Another language gets English, not the Simplified text.
    assert template.display_name("zh_TW") == "My workflow"
    assert template.image_label("source", "zh_TW") == "Source"


def test_unknown_slot_name_falls_back_to_the_name() -> None:
    assert parse_template(document()).image_label("nope", "zh_CN") == "nope"


@pytest.mark.parametrize(
    ("i18n", "message"),
    [
        ([], "'i18n' must be an object"),
        ({"zh_CN": "文生图"}, "i18n 'zh_CN' must be an object"),
        ({"zh_CN": {"name": 3}}, "name and description must be text"),
        ({"zh_CN": {"images": ["source"]}}, "'images' must map slot names"),
        ({"zh_CN": {"images": {"source": 1}}}, "'images' must map slot names"),
        ({"zh_TW": {"images": {"sorce": "來源"}}}, "no image slot named sorce"),
    ],
)
def test_bad_i18n_says_why(i18n: object, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        parse_template(document(i18n=i18n))
