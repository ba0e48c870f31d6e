"""涉林乡镇规范化建设: the shared scored-checklist assessments (org.Assessment) of this app's kind."""

from django.utils.translation import gettext_lazy as _

from org.models import Assessment


class ForestTownshipAssessment(Assessment):
    """涉林乡镇规范化建设考评: an org.Assessment under the ``forest_township`` checklist (no table of its own)."""

    class Meta:
        proxy = True
        verbose_name = _("涉林乡镇规范化建设考评")
        verbose_name_plural = _("涉林乡镇规范化建设考评")
