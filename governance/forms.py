"""Page forms: the small forms posted from a task's, an interview's or a proposal's page."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Agency, Alliance, Committee, Interview, Meeting, ServiceLog, SupervisionTask
from org import choices
from org.forms import ServiceForm
from org.models import Department, Enterprise


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Photos or files as evidence (佐证); the service checks each one (org.uploads) before storing any."""

    def __init__(self, *args, **kwargs):
        accept = "image/jpeg,image/png,image/webp,.pdf,.docx"
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(EvidenceField, self).clean(upload, initial) for upload in uploads]


# A browser's date input takes ISO dates only; the locale's format would leave it blank.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label):
    return forms.DateField(label=label, initial=timezone.localdate, widget=DATE)


class ProgressForm(forms.Form):
    on = _date(_("日期"))
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.CharField(label=_("佐证说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    files = EvidenceField(label=_("佐证照片或文件"))


class CompleteForm(forms.Form):
    completed_on = _date(_("办结日期"))


class FollowUpForm(forms.Form):
    on = _date(_("跟踪日期"))
    text = forms.CharField(label=_("整改进展"), widget=forms.Textarea(attrs={"rows": 2}))
    files = EvidenceField(label=_("整改佐证照片或文件"))


class CloseForm(forms.Form):
    closed_on = _date(_("销号日期"))


class ConfirmForm(forms.Form):
    level = forms.ChoiceField(label=_("约谈层级"), choices=Interview.Level.choices)
    held_on = _date(_("约谈日期"))
    attendees = forms.CharField(label=_("参加人员"), required=False)
    rectification = forms.CharField(label=_("整改要求"), widget=forms.Textarea(attrs={"rows": 2}))
    rectification_due = forms.DateField(label=_("整改期限"), widget=DATE)


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("不予约谈原因"), max_length=200)


class ProposeForm(forms.Form):
    period = forms.RegexField(
        regex=r"^\d{4}-\d{2}$", label=_("月份"), widget=forms.TextInput(attrs={"placeholder": "YYYY-MM"})
    )


# --- 登记 / 修改 pages (org.views.RecordFormView) ----------------------------------------------


def _committees(user):
    return Committee.objects.visible_to(user).order_by("sort_order", "id")


def _departments(user):
    return Department.objects.visible_to(user).order_by("sort_order", "id")


def _enterprises(user):
    return Enterprise.objects.visible_to(user).select_related("township").order_by("township__sort_order", "name")


def _active_agencies(user):
    return Agency.objects.visible_to(user).filter(status=Agency.Status.ACTIVE).order_by("name")


class TaskForm(ServiceForm):
    """交办督办事项: to one department or one township."""

    scoped_choices = {
        "committee": _committees,
        "meeting": lambda user: Meeting.objects.visible_to(user).select_related("committee"),
        "department": _departments,
        "township": choices.townships,
    }

    class Meta:
        model = SupervisionTask
        fields = ["committee", "meeting", "title", "description", "assignee_kind", "department", "township",
                  "assigned_on", "deadline"]  # fmt: skip
        widgets = {"assigned_on": DATE, "deadline": DATE, "description": forms.Textarea(attrs={"rows": 3})}


class TaskEditForm(ServiceForm):
    """修改督办事项 while it is open: its wording and deadline (the assignee stays)."""

    class Meta:
        model = SupervisionTask
        fields = ["title", "description", "deadline"]
        widgets = {"deadline": DATE, "description": forms.Textarea(attrs={"rows": 3})}


class InterviewForm(ServiceForm):
    """登记约谈: the unit (a township, a department or an enterprise), why, and the rectification."""

    scoped_choices = {"township": choices.townships, "department": _departments, "enterprise": _enterprises}

    class Meta:
        model = Interview
        fields = ["level", "unit_kind", "township", "department", "enterprise", "reason", "reason_detail", "held_on",
                  "attendees", "rectification", "rectification_due"]  # fmt: skip
        widgets = {
            "held_on": DATE,
            "rectification_due": DATE,
            "attendees": forms.Textarea(attrs={"rows": 2}),
            "rectification": forms.Textarea(attrs={"rows": 3}),
        }


class InterviewEditForm(ServiceForm):
    """修改约谈 while rectification is open (the unit interviewed stays)."""

    class Meta:
        model = Interview
        fields = ["level", "reason", "reason_detail", "held_on", "attendees", "rectification", "rectification_due"]
        widgets = InterviewForm.Meta.widgets


class AgencyForm(ServiceForm):
    """服务机构 (its status changes only by blacklist and exit)."""

    class Meta:
        model = Agency
        fields = ["name", "credit_code", "category", "engineers", "enterprises_served", "qualification_expires",
                  "notes"]  # fmt: skip
        widgets = {"qualification_expires": DATE, "notes": forms.Textarea(attrs={"rows": 2})}


class ServiceLogForm(ServiceForm):
    """服务记录 (一企一档): only an active agency can be chosen."""

    scoped_choices = {"agency": _active_agencies, "enterprise": _enterprises}

    class Meta:
        model = ServiceLog
        fields = ["agency", "enterprise", "served_on", "service", "findings", "hazards_reported"]
        widgets = {"served_on": DATE, "findings": forms.Textarea(attrs={"rows": 3})}


class AllianceForm(ServiceForm):
    """互助联盟: a township's (its enterprises) or an industry's; the lead enterprise is a member."""

    scoped_choices = {"township": choices.townships, "lead_enterprise": _enterprises, "members": _enterprises}

    class Meta:
        model = Alliance
        fields = ["name", "kind", "township", "industry", "lead_enterprise", "members", "founded_on", "notes"]
        widgets = {"founded_on": DATE, "notes": forms.Textarea(attrs={"rows": 2})}
