"""The API schema says what the API answers: the defaults every app's viewsets get from it.

- A field that may answer null (``default=None``, an empty relation) is declared nullable.
- A region is read as its id and written as its id, division code or name.
- Every operation documents its refusals: 400 (field errors or ``detail``), 403, 404 on a
  record's path, 409 when a record's state refuses the action (org.errors.Conflict).
"""

import typing

from django.core.exceptions import FieldDoesNotExist
from django.db.models import ForeignObjectRel
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from org.api.serializers import RegionRelatedField


def returns_none(member) -> bool:
    """A model property or method whose return annotation admits None (``-> int | None``)."""
    function = member.fget if isinstance(member, property) else member
    if not callable(function):
        return False
    try:
        returned = typing.get_type_hints(function).get("return")
    except (NameError, TypeError):
        return False
    return type(None) in typing.get_args(returned)


def may_be_null(field: serializers.Field) -> bool:
    """Whether a field can answer null: its default is None, or its source crosses a relation
    that may be empty (a nullable foreign key, a reverse one-to-one) or ends at a nullable column
    or at a property annotated as returning None."""
    if field.default is None:
        return True
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or field.source == "*" or not getattr(field, "source_attrs", None):
        return False
    for attr in field.source_attrs:
        try:
            model_field = model._meta.get_field(attr)
        except FieldDoesNotExist:
            return returns_none(getattr(model, attr, None))
        if isinstance(model_field, ForeignObjectRel) and not model_field.one_to_one:
            return False  # a reverse many: a list, never null
        if model_field.null:
            return True
        if not model_field.is_relation:
            return False
        model = model_field.related_model
    return False


class PortalAutoSchema(AutoSchema):
    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        if direction == "response" and isinstance(field, serializers.Field) and may_be_null(field):
            meta["nullable"] = True
        return meta


class RegionRelatedFieldSchema(OpenApiSerializerFieldExtension):
    """Read as an integer id; written as an id, a division code or a name."""

    target_class = RegionRelatedField
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        if direction == "response":
            return {"type": "integer", "description": "区划ID(见 /api/v1/regions/)"}
        return {
            "oneOf": [{"type": "integer"}, {"type": "string", "minLength": 1}],
            "description": "区划ID(见 /api/v1/regions/)、区划代码或名称",
        }


ERROR = {
    "type": "object",
    "description": "字段名 → 错误信息列表,或 detail → 说明",
    "additionalProperties": True,
}
REFUSALS = {
    "400": "请求有误:字段错误(字段名 → 信息列表)或 detail",
    "403": "无权执行",
    "404": "不存在或不在您的辖区内",
    "409": "记录当前的状态不允许此操作",
}


def document_refusals(result, generator, request, public):
    """Postprocessing hook: the refusals every operation may answer, unless it says otherwise."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in REFUSALS.items():
                if code == "404" and "{" not in path:
                    continue
                if code == "409" and method == "get":
                    continue
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result
