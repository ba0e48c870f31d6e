"""The API of the scored checklists (org.assessments): an app's endpoint is this viewset with its
``kind`` (stations' ``/api/v1/accreditations/``, forestfire's standardization endpoint).

- ``POST``            begin the township's assessment under the checklist in force (``township``)
- ``PATCH``           the township's scores and notes: ``{"scores": [{"item": 1, "score": 8, "note": "…"}]}``
- ``POST …/evidence/`` multipart ``item`` + ``files``
- ``POST …/submit/``, ``…/verify/`` (``scores`` with ``score`` and ``note`` per item, ``note``),
  ``…/return/`` (``reason``)
"""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from org import assessments, choices
from org.api.choices import ScopedChoicesMixin
from org.api.viewsets import ScopedViewSetMixin
from org.models import Assessment, AssessmentEvidence, AssessmentScore, Checklist, ChecklistItem, Region


class ChecklistItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChecklistItem
        fields = ["id", "number", "title", "points", "evidence"]


class ChecklistSerializer(serializers.ModelSerializer):
    items = ChecklistItemSerializer(many=True, read_only=True)

    class Meta:
        model = Checklist
        fields = ["id", "kind", "version", "title", "pass_mark", "items"]


class AssessmentEvidenceSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = AssessmentEvidence
        fields = ["id", "item", "original_name", "content_type", "size", "uploaded_at", "url"]


class AssessmentScoreSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(source="item.number", read_only=True)

    class Meta:
        model = AssessmentScore
        fields = ["item", "number", "self_score", "note", "verified_score", "verifier_note"]


class ChecklistAssessmentSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"township": choices.townships}
    township = serializers.PrimaryKeyRelatedField(queryset=Region.objects.none())
    township_name = serializers.CharField(source="township.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    checklist = ChecklistSerializer(read_only=True)
    scores = AssessmentScoreSerializer(many=True, read_only=True)
    evidence = AssessmentEvidenceSerializer(many=True, read_only=True)
    submitted_by = serializers.StringRelatedField(read_only=True)
    verified_by = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "township",
            "township_name",
            "status",
            "status_label",
            "checklist",
            "self_total",
            "verified_total",
            "submitted_at",
            "submitted_by",
            "verified_at",
            "verified_by",
            "return_reason",
            "scores",
            "evidence",
        ]
        read_only_fields = [name for name in fields if name != "township"]


class ScoreEntrySerializer(serializers.Serializer):
    item = serializers.IntegerField()
    score = serializers.CharField(allow_blank=True, allow_null=True, required=False)
    note = serializers.CharField(allow_blank=True, required=False, max_length=500)


class ScoresSerializer(serializers.Serializer):
    scores = ScoreEntrySerializer(many=True)
    note = serializers.CharField(allow_blank=True, required=False, default="", max_length=400)

    def as_mapping(self) -> dict[int, tuple[object, str | None]]:
        return {entry["item"]: (entry.get("score"), entry.get("note")) for entry in self.validated_data["scores"]}


class EvidenceUploadSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    files = serializers.ListField(child=serializers.FileField(), allow_empty=False)


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class AssessmentViewSet(
    ScopedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """达标考评 of one kind: the township assesses itself and submits, the county verifies or returns."""

    kind = ""
    serializer_class = ChecklistAssessmentSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filterset_fields = ["status", "township"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        rows = Assessment.objects.filter(checklist__kind=self.kind).select_related(
            "township", "checklist", "submitted_by", "verified_by"
        )
        rows = rows.prefetch_related("checklist__items", "scores__item", "evidence")
        return rows.visible_to(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = assessments.start_assessment(
            actor=self.request.user, township=serializer.validated_data["township"], kind=self.kind
        )

    def _answer(self, assessment: Assessment) -> Response:
        fresh = self.get_queryset().get(pk=assessment.pk)
        return Response(self.get_serializer(fresh).data)

    @extend_schema(request=ScoresSerializer, responses=ChecklistAssessmentSerializer)
    def partial_update(self, request, pk=None):
        """自评: the township's scores and notes; items not named keep what they had."""
        assessment = self.get_object()
        form = ScoresSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        assessments.save_self_assessment(actor=request.user, assessment=assessment, scores=form.as_mapping())
        return self._answer(assessment)

    @extend_schema(request=EvidenceUploadSerializer, responses=ChecklistAssessmentSerializer)
    @action(detail=True, methods=["post"])
    def evidence(self, request, pk=None):
        """佐证: photos or files for one item (checked on upload)."""
        assessment = self.get_object()
        form = EvidenceUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        files = {form.validated_data["item"]: form.validated_data["files"]}
        assessments.save_self_assessment(actor=request.user, assessment=assessment, files=files)
        return self._answer(assessment)

    @extend_schema(request=None, responses=ChecklistAssessmentSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """提交核验: every item scored and every required evidence uploaded."""
        assessment = assessments.submit_assessment(actor=request.user, assessment=self.get_object())
        return self._answer(assessment)

    @extend_schema(request=ScoresSerializer, responses=ChecklistAssessmentSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        """核验 (county): a verified score per item; passes at the pass mark, else goes back."""
        assessment = self.get_object()
        form = ScoresSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        assessment = assessments.verify_assessment(
            actor=request.user, assessment=assessment, scores=form.as_mapping(), note=form.validated_data["note"]
        )
        return self._answer(assessment)

    @extend_schema(request=ReturnSerializer, responses=ChecklistAssessmentSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        """退回 (county): back to the township with the reasons."""
        assessment = self.get_object()
        form = ReturnSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        assessment = assessments.return_assessment(
            actor=request.user, assessment=assessment, reason=form.validated_data["reason"]
        )
        return self._answer(assessment)
