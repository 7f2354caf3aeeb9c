"""Import reference data from CSV files: occupations and providers."""

import csv
import logging
import re

from sqlalchemy import select

from webform.addresses import display_name, mail_address
from webform.errors import UserError
from webform.extensions import db
from webform.models import Occupation, Provider

logger = logging.getLogger(__name__)

REGISTRATION_NUMBER = re.compile(r"DV\.[OA]\d{6}")


class ImportFileError(UserError):
    """A file that cannot be imported, with the line that is wrong."""


def read_rows(path, columns):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = set(columns) - set(reader.fieldnames or ())
        if missing:
            names = ", ".join(sorted(missing))
            raise ImportFileError(f"{path}: kolommen ontbreken: {names}.")
        return [(number, row) for number, row in enumerate(reader, start=2)]


def import_occupations(path):
    """Add the occupations of a VDAB list; returns (added, already_known)."""
    rows = read_rows(path, ("name", "sector", "year"))
    known = {(o.year, o.name) for o in db.session.scalars(select(Occupation))}
    added = 0
    for number, row in rows:
        name = row["name"].strip()
        try:
            year = int(row["year"])
        except ValueError:
            raise ImportFileError(f"{path}, lijn {number}: ongeldig jaar.") from None
        if not name or (year, name) in known:
            continue
        db.session.add(Occupation(year=year, name=name, sector=row["sector"].strip()))
        known.add((year, name))
        added += 1
    logger.info("imported %d occupations from %s", added, path)
    return added, len(rows) - added


def import_providers(path):
    """Add or update providers by registration number; returns (added, updated)."""
    rows = read_rows(path, ("registration_number", "name", "email"))
    existing = {p.registration_number: p for p in db.session.scalars(select(Provider))}
    added = updated = 0
    for number, row in rows:
        values = clean_provider(path, number, row)
        provider = existing.get(values["registration_number"])
        if provider is None:
            provider = Provider(**values)
            db.session.add(provider)
            existing[provider.registration_number] = provider
            added += 1
        elif (provider.name, provider.email) != (values["name"], values["email"]):
            provider.name, provider.email = values["name"], values["email"]
            updated += 1
    logger.info("imported providers from %s: %d new, %d updated", path, added, updated)
    return added, updated


def clean_provider(path, number, row):
    registration_number = row["registration_number"].strip().upper()
    if not REGISTRATION_NUMBER.fullmatch(registration_number):
        raise ImportFileError(
            f"{path}, lijn {number}: ongeldig registratienummer "
            f"‘{registration_number}’ (verwacht DV.O of DV.A en zes cijfers)."
        )
    try:
        email = mail_address(row["email"])
    except UserError as error:
        raise ImportFileError(f"{path}, lijn {number}: {error.message}") from None
    name = display_name(row["name"])
    if not name:
        raise ImportFileError(f"{path}, lijn {number}: de naam ontbreekt.")
    return {
        "registration_number": registration_number,
        "name": name,
        "email": email,
    }
