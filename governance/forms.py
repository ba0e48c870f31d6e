"""Page forms: the small forms posted from a task's, an interview's or a proposal's page."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Interview


def _date(label):
    return forms.DateField(label=label, initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}))


class ProgressForm(forms.Form):
    on = _date(_("日期"))
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.CharField(label=_("佐证材料"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CompleteForm(forms.Form):
    completed_on = _date(_("办结日期"))


class FollowUpForm(forms.Form):
    on = _date(_("跟踪日期"))
    text = forms.CharField(label=_("整改进展"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    closed_on = _date(_("销号日期"))


class ConfirmForm(forms.Form):
    level = forms.ChoiceField(label=_("约谈层级"), choices=Interview.Level.choices)
    held_on = _date(_("约谈日期"))
    attendees = forms.CharField(label=_("参加人员"), required=False)
    rectification = forms.CharField(label=_("整改要求"), widget=forms.Textarea(attrs={"rows": 2}))
    rectification_due = forms.DateField(label=_("整改期限"), widget=forms.DateInput(attrs={"type": "date"}))


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("不予约谈原因"), max_length=200)


class ProposeForm(forms.Form):
    period = forms.RegexField(
        regex=r"^\d{4}-\d{2}$", label=_("月份"), widget=forms.TextInput(attrs={"placeholder": "YYYY-MM"})
    )
