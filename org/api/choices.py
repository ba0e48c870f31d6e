"""Related rows an API client may send are limited to what the caller may see."""


class ScopedChoicesMixin:
    """``scoped_fields`` maps a related field to a function of the user returning its queryset
    (org.choices). Only the fields a request sets are limited (no queryset is built for others)."""

    scoped_fields: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            return
        sent = getattr(self, "initial_data", None)
        for name, queryset in self.scoped_fields.items():
            if sent is not None and name not in sent:
                continue
            if name in self.fields and not self.fields[name].read_only:
                self.fields[name].queryset = queryset(request.user)
