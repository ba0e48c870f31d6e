from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.models.committees import TaskProgress
from governance.models.interviews import InterviewFollowUp
from org.scoping import ScopedQuerySet


class Evidence(models.Model):
    """A photo or file, checked on upload (org.uploads) and served only to those who see its row."""

    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


def task_evidence_path(instance: "TaskEvidence", filename: str) -> str:
    return f"governance/tasks/{instance.progress.task_id}/{filename}"


class TaskEvidence(Evidence):
    """办理佐证: a photo or file sent with a task's progress update."""

    progress = models.ForeignKey(
        TaskProgress, verbose_name=_("办理进展"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("文件"), upload_to=task_evidence_path)

    scope_region_field = "progress__task__region"
    scope_department_field = "progress__task__department"

    class Meta(Evidence.Meta):
        verbose_name = _("办理佐证")
        verbose_name_plural = _("办理佐证")

    def get_absolute_url(self) -> str:
        return reverse("governance:task-evidence", kwargs={"pk": self.pk})


def follow_up_evidence_path(instance: "FollowUpEvidence", filename: str) -> str:
    return f"governance/interviews/{instance.follow_up.interview_id}/{filename}"


class FollowUpEvidence(Evidence):
    """整改佐证: a photo or file sent with an interview's follow-up."""

    follow_up = models.ForeignKey(
        InterviewFollowUp, verbose_name=_("整改跟踪"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("文件"), upload_to=follow_up_evidence_path)

    scope_region_field = "follow_up__interview__region"
    scope_department_field = "follow_up__interview__department"

    class Meta(Evidence.Meta):
        verbose_name = _("整改佐证")
        verbose_name_plural = _("整改佐证")

    def get_absolute_url(self) -> str:
        return reverse("governance:interview-evidence", kwargs={"pk": self.pk})
