"""What the campaigns pages share: who keeps the registers, forms with files, serving files."""

from django.http import FileResponse

from campaigns import services
from org.views import ManageButtonsMixin, RecordFormView


class KeeperButtons(ManageButtonsMixin):
    """登记 and 修改 buttons for the county and township staff, who keep these registers."""

    can_manage = staticmethod(services.can_file)


class CampaignRecordFormView(RecordFormView):
    """登记 or 修改 one record; the form may carry files (photos, a video, a document)."""

    template_name = "campaigns/record_form.html"
    can_manage = staticmethod(services.can_file)


def serve_file(field, content_type: str, name: str) -> FileResponse:
    """A stored file to a user allowed to see its record; images, PDFs, audio and video open inline."""
    inline = content_type.split("/")[0] in ("image", "video", "audio") or content_type == "application/pdf"
    return FileResponse(field.open("rb"), content_type=content_type, as_attachment=not inline, filename=name)
