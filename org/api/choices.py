"""Related rows an API client may send are limited to what the caller may see."""

from collections.abc import Mapping

from org.api.serializers import RegionRelatedField
from org.models import Region


class ScopedChoicesMixin:
    """``scoped_fields`` maps a related field to a function of the user returning its queryset
    (org.choices). Only the fields a request sets are limited (no queryset is built for others).
    A region field takes the region's id, division code or name (org.api.serializers)."""

    scoped_fields: dict = {}

    def build_relational_field(self, field_name, relation_info):
        field_class, field_kwargs = super().build_relational_field(field_name, relation_info)
        single_region = relation_info.related_model is Region and not relation_info.to_many
        if single_region and field_class is not None and issubclass(RegionRelatedField, field_class):
            field_class = RegionRelatedField
        return field_class, field_kwargs

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            return
        sent = getattr(self, "initial_data", None)
        for name, queryset in self.scoped_fields.items():
            # A body that is not an object is refused by validation (400), naming no field.
            if sent is not None and (not isinstance(sent, Mapping) or name not in sent):
                continue
            if name in self.fields and not self.fields[name].read_only:
                self.fields[name].queryset = queryset(request.user)
