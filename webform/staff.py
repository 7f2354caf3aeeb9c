"""Agency staff, and the demo round of a local trial."""

from datetime import timedelta

from webform import audit, clock
from webform.addresses import display_name, mail_address
from webform.errors import UserError
from webform.extensions import db
from webform.models import Staff, StaffRole
from webform.rounds import create_round

DEMO_STAFF = [
    (StaffRole.reviewer, "Bram Beoordelaar", "bram.beoordelaar@vlaio.example"),
    (StaffRole.reviewer, "Sofie Beoordelaar", "sofie.beoordelaar@vlaio.example"),
    (StaffRole.chamber, "Karel Kamerlid", "karel.kamerlid@kwaliteitskamer.example"),
    (StaffRole.chamber, "Lotte Kamerlid", "lotte.kamerlid@kwaliteitskamer.example"),
    (StaffRole.minister, "Kabinet van de minister", "kabinet@minister.example"),
    (StaffRole.admin, "Anna Beheerder", "anna.beheerder@vlaio.example"),
]


def add_staff(role, *, name, email):
    """Add a staff member; the caller commits."""
    name = display_name(name)
    if not name:
        raise UserError("Vul een naam in.")
    member = Staff(role=role, name=name, email=mail_address(email))
    db.session.add(member)
    db.session.flush()
    audit.record("staff.add", member, by=None)
    return member


def create_demo_round():
    """Open a round today for 30 days, with demo staff; the caller commits."""
    today = clock.local(clock.now()).date()
    round_ = create_round(today.year, today, today + timedelta(days=30), by=None)
    for role, name, email in DEMO_STAFF:
        add_staff(role, name=name, email=email)
    return round_
