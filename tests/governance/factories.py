"""Factories for governance's rows (tests/factories.py is shared; these are this app's)."""

from datetime import date, timedelta

import factory
from django.core.files.base import ContentFile

from governance.models import (
    Agency,
    Alliance,
    AllianceActivity,
    Committee,
    ExpertVisit,
    FollowUpEvidence,
    Interview,
    InterviewFollowUp,
    InterviewProposal,
    Meeting,
    ServiceLog,
    SupervisionTask,
    TaskEvidence,
    TaskProgress,
)
from org.validators import credit_code_check_char
from tests.factories import EnterpriseFactory, county, township


def agency_code(n: int) -> str:
    first17 = f"91330327MA3{n:05d}Y2"[:17]
    return first17 + credit_code_check_char(first17)


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    kind = Committee.Kind.SPECIAL
    name = factory.Sequence(lambda n: f"测试专委会{n}")
    region = factory.LazyFunction(county)
    parent = factory.LazyFunction(lambda: Committee.objects.filter(kind="safety_committee").first())


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    held_on = date(2024, 5, 6)
    topics = "会商议题"


class SupervisionTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionTask

    committee = factory.SubFactory(CommitteeFactory)
    title = factory.Sequence(lambda n: f"督办事项{n}")
    assignee_kind = SupervisionTask.AssigneeKind.TOWNSHIP
    township = factory.LazyFunction(lambda: township("灵溪镇"))
    region = factory.SelfAttribute("township")
    assigned_on = date(2024, 5, 1)
    deadline = date(2024, 5, 20)


class TaskProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskProgress

    task = factory.SubFactory(SupervisionTaskFactory)
    on = date(2024, 5, 10)
    text = "进展"


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    level = Interview.Level.COUNTY_COMMITTEE
    unit_kind = "township"
    township = factory.LazyFunction(lambda: township("灵溪镇"))
    region = factory.SelfAttribute("township")
    reason = Interview.Reason.LISTING
    held_on = date(2024, 5, 6)
    rectification = "限期整改"
    rectification_due = date(2024, 6, 5)


class InterviewFollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewFollowUp

    interview = factory.SubFactory(InterviewFactory)
    on = date(2024, 5, 20)
    text = "整改中"


class InterviewProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewProposal

    period = date(2024, 5, 1)
    unit_kind = "township"
    township = factory.LazyFunction(lambda: township("灵溪镇"))
    region = factory.SelfAttribute("township")
    reason = "listing"
    reason_detail = "区域挂牌"


class AllianceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alliance

    name = factory.Sequence(lambda n: f"测试互助联盟{n}")
    kind = Alliance.Kind.TOWNSHIP
    township = factory.LazyFunction(lambda: township("灵溪镇"))
    region = factory.SelfAttribute("township")
    lead_enterprise = factory.SubFactory(EnterpriseFactory, township=factory.SelfAttribute("..township"))


class AllianceActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AllianceActivity

    alliance = factory.SubFactory(AllianceFactory)
    kind = AllianceActivity.Kind.STUDY
    held_on = date(2024, 5, 8)
    topic = "互学"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试服务机构{n}")
    credit_code = factory.Sequence(agency_code)
    category = Agency.Category.CONSULTING
    region = factory.LazyFunction(county)


class ServiceLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceLog

    agency = factory.SubFactory(AgencyFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    served_on = date(2024, 5, 3)
    service = "安全检查"


class ExpertVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertVisit

    visited_on = date(2024, 5, 3)
    enterprise = factory.SubFactory(EnterpriseFactory)
    expert = "专家甲"
    topics = "有限空间"


class TaskEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskEvidence

    progress = factory.SubFactory(TaskProgressFactory)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 test", name="evidence.pdf"))
    original_name = "evidence.pdf"
    content_type = "application/pdf"
    size = 13


class FollowUpEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpEvidence

    follow_up = factory.SubFactory(InterviewFollowUpFactory)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 test", name="evidence.pdf"))
    original_name = "evidence.pdf"
    content_type = "application/pdf"
    size = 13


def days(n: int) -> timedelta:
    return timedelta(days=n)
