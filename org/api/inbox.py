"""我的通知 on the API: the token user's own inbox, and marking items read."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from org import inbox
from org.api.viewsets import ScopedReadOnlyViewSet
from org.filtersets import InboxFilterSet
from org.models import InboxItem
from org.permissions import OwnInboxPermission


class InboxItemSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = InboxItem
        fields = ["id", "kind", "kind_display", "title", "body", "url", "created_at", "read_at", "is_read"]
        read_only_fields = fields


class InboxReadAllSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=InboxItem.Kind.choices, required=False, help_text=_("只标记这一类型"))


class InboxReadAllResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text=_("本次标为已读的条数"))


class InboxViewSet(ScopedReadOnlyViewSet):
    """我的通知: the caller's own notices, newest first; `read` marks one, `read-all` all of them."""

    queryset = InboxItem.objects.all()
    serializer_class = InboxItemSerializer
    filterset_class = InboxFilterSet
    permission_classes = [OwnInboxPermission]

    @extend_schema(request=None, responses=InboxItemSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        item = inbox.mark_read(actor=request.user, item=self.get_object())
        return Response(self.get_serializer(item).data)

    @extend_schema(request=InboxReadAllSerializer, responses=InboxReadAllResultSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        body = InboxReadAllSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        marked = inbox.mark_all_read(actor=request.user, kind=body.validated_data.get("kind", ""))
        return Response(InboxReadAllResultSerializer({"marked": marked}).data)
