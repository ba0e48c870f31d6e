"""Form pieces every app uses: choices limited to the user's scope, forms that leave the record
to its save service, and the ledger upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from org.choices import place_label


class ScopedChoicesMixin:
    """Offers only the rows the user may pick: ``scoped_choices`` maps a field name to a function
    of the user returning its queryset (org.choices). Places read "township · village".

    A field named in ``preselect_single`` starts on its only choice (a township clerk's township).
    """

    scoped_choices: dict = {}
    preselect_single: tuple[str, ...] = ()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name, choices in self.scoped_choices.items():
            if name not in self.fields:
                continue
            field = self.fields[name]
            field.queryset = choices(user)
            if name in ("village", "township"):
                field.label_from_instance = place_label
            if name in self.preselect_single and not self.initial.get(name):
                only = list(field.queryset[:2])
                if len(only) == 1:
                    field.initial = only[0]


class ServiceForm(ScopedChoicesMixin, forms.ModelForm):
    """A record's fields for its save service.

    The form checks each value and offers only the rows the user may pick; the record as a whole
    (uniqueness, constraints, the service's rules) is checked once, by the service, whose errors
    come back on the form (org.views.ServiceFormMixin).
    """

    def _post_clean(self):
        # Left to the service: the form neither fills nor validates the instance.
        pass


class LedgerUploadForm(forms.Form):
    """One .xlsx ledger (org.views.LedgerImportView)."""

    file = forms.FileField(label=_("台账文件(.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
