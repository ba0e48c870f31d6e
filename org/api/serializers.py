from rest_framework import serializers

from org.models import Region


class RegionSerializer(serializers.ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Region
        fields = ["id", "name", "level", "level_display", "code", "parent", "is_demo"]
        read_only_fields = fields
