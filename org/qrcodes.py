"""QR codes for the public pages a poster or a sign points to (the campaigns library, the 码上报
points), drawn with the ``qrcode`` package as PNG or SVG."""

from io import BytesIO

import qrcode
import qrcode.image.svg


def public_url(request, path: str, *, base: str = "") -> str:
    """The address a code points to: ``base`` (a setting naming the portal's public address) if
    set, else the address the portal was asked on."""
    return base.rstrip("/") + path if base else request.build_absolute_uri(path)


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


def image_response(url: str, fmt: str):
    """The code for ``url`` as an answer, SVG for print sheets or PNG for download."""
    from django.http import HttpResponse

    if fmt == "svg":
        return HttpResponse(svg(url), content_type="image/svg+xml")
    return HttpResponse(png(url), content_type="image/png")
