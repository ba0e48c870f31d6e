"""Ledgers built in a test: a title row, a 填报单位 line, the header and the rows."""

from io import BytesIO

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import api_as


def sheet(header: list, rows: list[list], name: str = "台账.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    book.active.append(["灵溪镇台账"])
    book.active.append(["填报单位:灵溪镇应急消防管理站"])
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def post_sheet(user, basename: str, header: list, rows: list[list], query: str = ""):
    """POST …/import/ as ``user``; ``basename`` is the viewset's (person, enterprise, hazard …)."""
    url = reverse(f"{basename}-import-ledger") + query
    return api_as(user).post(url, {"file": sheet(header, rows)}, format="multipart")
