import io
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

# ../shared/data beside the repository (two levels up from a worktree under wt/).
SAMPLES = next(
    (p / "shared" / "data" for p in Path(settings.BASE_DIR).parents if (p / "shared" / "data").is_dir()),
    Path(settings.BASE_DIR).parent / "shared" / "data",
)


def sample(name: str, **cells) -> SimpleUploadedFile:
    """A shared sample sheet as it is, or with some cells changed (``B4="…"``)."""
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"shared/data/{name} is not beside the repository")
    if not cells:
        return SimpleUploadedFile(name, path.read_bytes())
    workbook = openpyxl.load_workbook(path)
    for cell, value in cells.items():
        workbook.worksheets[0][cell] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def sheet(title: str, header: list[str], rows: list[list]) -> SimpleUploadedFile:
    """A small ledger in the townships' shape: title, 填报单位 line, header, rows, 合计."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append([title])
    ws.append(["填报单位:测试"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    ws.append([])
    ws.append(["合计"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("ledger.xlsx", buffer.getvalue())
