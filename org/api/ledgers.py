"""POST …/import/ for any viewset whose model townships keep in Excel ledgers (org.ledgers)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from org.ledgers import ImportFailed


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text=gettext_lazy("Excel 行号(0 表示文件本身)"))
    column = serializers.CharField(help_text=gettext_lazy("列名"))
    message = serializers.CharField()


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    enterprises_created = serializers.IntegerField()
    warnings = RowErrorSerializer(many=True)


class ImportErrorsSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = RowErrorSerializer(many=True)


class LedgerImportMixin:
    """POST …/import/ (multipart ``file``): a whole ledger, all rows or none (``importer``)."""

    importer = None

    @extend_schema(
        request={
            "multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
        },
        responses={200: ImportResultSerializer, 400: ImportErrorsSerializer},
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_ledger(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            return Response({"errors": [{"row": 0, "column": "file", "message": _("请上传 .xlsx 文件。")}]}, status=400)
        try:
            result = type(self).importer(upload=upload, actor=request.user)
        except ImportFailed as failure:
            return Response({"detail": str(failure), "errors": [e.as_dict() for e in failure.errors]}, status=400)
        return Response(ImportResultSerializer(result).data)
