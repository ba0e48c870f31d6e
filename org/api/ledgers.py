"""POST …/import/ for any viewset whose model townships keep in Excel ledgers (org.ledgers)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from org.ledgers import ImportFailed, run_import


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text=gettext_lazy("Excel 行号(0 表示文件本身)"))
    column = serializers.CharField(help_text=gettext_lazy("列名"))
    message = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    column = serializers.CharField(help_text=gettext_lazy("列名"))
    old = serializers.CharField(help_text=gettext_lazy("原值"))
    new = serializers.CharField(help_text=gettext_lazy("新值"))


class RowOutcomeSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text=gettext_lazy("Excel 行号"))
    outcome = serializers.ChoiceField(
        choices=[
            ("created", gettext_lazy("新增")),
            ("updated", gettext_lazy("更新")),
            ("unchanged", gettext_lazy("未变")),
        ]
    )
    record = serializers.CharField(help_text=gettext_lazy("记录"))
    changes = ChangeSerializer(many=True)


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    enterprises_created = serializers.IntegerField()
    dry_run = serializers.BooleanField(help_text=gettext_lazy("为真时只是预览,未保存任何数据"))
    warnings = RowErrorSerializer(many=True)
    rows = RowOutcomeSerializer(many=True)


class ImportErrorsSerializer(serializers.Serializer):
    detail = serializers.CharField()
    # Absent when the request itself is refused (e.g. a body that is not multipart).
    errors = RowErrorSerializer(many=True, required=False)


class LedgerImportMixin:
    """POST …/import/ (multipart ``file``): a whole ledger, all rows or none (``importer``);
    ``?dry_run=1`` runs the same import and rolls it back: what it would do, nothing saved."""

    importer = None

    @extend_schema(
        parameters=[
            OpenApiParameter("dry_run", bool, description=gettext_lazy("为 1 时只预览:检查并列出每行的结果,不保存"))
        ],
        request={
            "multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
        },
        responses={200: ImportResultSerializer, 400: ImportErrorsSerializer},
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_ledger(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            message = _("请上传 .xlsx 文件。")
            return Response(
                {"detail": message, "errors": [{"row": 0, "column": "file", "message": message}]}, status=400
            )
        try:
            preview = request.query_params.get("dry_run", "").lower() in ("1", "true", "yes")
            result = run_import(type(self).importer, preview=preview, upload=upload, actor=request.user)
        except ImportFailed as failure:
            return Response({"detail": str(failure), "errors": [e.as_dict() for e in failure.errors]}, status=400)
        return Response(ImportResultSerializer(result).data)
