"""The public list of registered services, as a page and as CSV."""

import csv
import io

from flask import Blueprint, Response, render_template, request

from review.lists import published_items
from webform.text import one_line

bp = Blueprint("public", __name__)

CSV_COLUMNS = [
    "dienst",
    "dienstverlener",
    "registratienummer",
    "soort",
    "voorwaarde",
    "knelpuntberoep",
]


@bp.get("/")
def home():
    return render_template("public/home.html")


@bp.get("/lijst")
def service_list():
    search = one_line(request.args.get("zoek", ""))[:200]
    items = published_items(search)
    return render_template("public/list.html", services=items, search=search)


def csv_row(service):
    cells = [
        service.name,
        service.provider.name,
        service.provider.registration_number,
        service.kind.label,
        service.criterion.label,
        service.occupation.name if service.occupation else "",
    ]
    return [as_text(cell) for cell in cells]


def as_text(cell):
    """Keep a spreadsheet from reading typed text as a formula."""
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


@bp.get("/lijst.csv")
def service_list_csv():
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # what Excel in Belgium expects
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(service) for service in published_items())
    headers = {"Content-Disposition": "attachment; filename=diensten.csv"}
    data = "\ufeff" + buffer.getvalue()
    return Response(data, content_type="text/csv; charset=utf-8", headers=headers)
