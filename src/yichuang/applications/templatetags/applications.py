"""Template filters for the application document; the words come from ``applications.schema``."""

from __future__ import annotations

from django import template

from yichuang.applications import schema
from yichuang.kernel import applications as doc

register = template.Library()


@register.filter
def indicator_label(code: str) -> str:
    return schema.indicator_label(code)


@register.filter
def category_label(code: str) -> str:
    return schema.category_label(code)


@register.filter
def path_label(path: str) -> str:
    return schema.label_for_path(path)


@register.simple_tag
def document_label(key: str) -> str:
    """The label of a top-level field or section of the document."""
    return str(schema.SCALAR_LABELS.get(key) or schema.SECTION_LABELS[key])


@register.simple_tag
def max_length(key: str):
    """The kernel's length limit of a top-level text field, for the editor's ``maxlength``."""
    return doc.SCALAR_SPECS[key].max_length or ""


@register.simple_tag
def document_columns(section: str) -> list:
    return schema.columns(section)


@register.simple_tag
def change_text(change, side: str) -> str:
    """One side of a version-diff row in words."""
    return schema.value_text(change.path, getattr(change, side))
