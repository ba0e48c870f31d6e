"""QR codes for the library's public pages, drawn with the ``qrcode`` package (PNG and SVG)."""

from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings

from campaigns.models import Resource


def public_url(request, resource: Resource) -> str:
    """The address a code points to: CAMPAIGNS_PUBLIC_URL if set, else the one the portal was asked on."""
    path = resource.get_public_path()
    if settings.CAMPAIGNS_PUBLIC_URL:
        return settings.CAMPAIGNS_PUBLIC_URL + path
    return request.build_absolute_uri(path)


def _code(url: str) -> qrcode.QRCode:
    # Level M survives a poster's wear (about 15 % of the code damaged) and stays small.
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(url)
    code.make(fit=True)
    return code


def png(url: str) -> bytes:
    buffer = BytesIO()
    _code(url).make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def svg(url: str) -> bytes:
    buffer = BytesIO()
    _code(url).make_image(image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    return buffer.getvalue()
