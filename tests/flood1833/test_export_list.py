"""导出Excel on the people list: the filtered rows, all of them, read back from the file."""

import io

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import TransferPersonFactory, village

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(book.worksheets[0].iter_rows(values_only=True))


def test_the_export_holds_every_filtered_row_not_one_page(client, lingxi_staff):
    for n in range(60):  # more than one page of 50
        TransferPersonFactory(name=f"张{n}")
    TransferPersonFactory(name="李四")
    TransferPersonFactory(name="外乡人", village=village("测试三村", "桥墩镇"))
    client.force_login(lingxi_staff)
    rows = rows_of(client.get(reverse("flood1833:people"), {"name": "张", "export": "xlsx"}))
    assert rows[0][:3] == ("姓名", "身份证号", "联系电话")
    assert sorted(row[0] for row in rows[1:]) == sorted(f"张{n}" for n in range(60))


def test_the_export_masks_id_numbers_as_the_page_does(client, lingxi_staff, county_admin):
    person = TransferPersonFactory(name="陈阿婆")
    client.force_login(lingxi_staff)
    masked = rows_of(client.get(reverse("flood1833:people"), {"export": "xlsx"}))[1][1]
    assert masked == person.masked_id_number != person.id_number
    client.force_login(county_admin)
    assert rows_of(client.get(reverse("flood1833:people"), {"export": "xlsx"}))[1][1] == person.id_number


def test_text_that_looks_like_a_formula_stays_text(client, lingxi_staff):
    TransferPersonFactory(name="=HYPERLINK(1)")
    client.force_login(lingxi_staff)
    assert rows_of(client.get(reverse("flood1833:people"), {"export": "xlsx"}))[1][0] == "=HYPERLINK(1)"


def test_the_list_page_links_to_its_export_with_its_filters(client, lingxi_staff):
    client.force_login(lingxi_staff)
    html = client.get(reverse("flood1833:people"), {"name": "张"}).content.decode()
    assert 'href="?name=%E5%BC%A0&amp;export=xlsx"' in html
