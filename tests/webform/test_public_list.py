"""The published list as a download: text stays text in a spreadsheet."""

import csv
import io
from datetime import UTC, datetime

from review.models import Assessment, ListItem, ListVersion
from webform.extensions import db
from webform.models import (
    Criterion,
    Provider,
    Round,
    Service,
    ServiceKind,
    Staff,
    StaffRole,
)
from webform.models import ServiceState as S

MOMENT = datetime(2027, 3, 1, 10, tzinfo=UTC)


def publish(names):
    """A published list version with an approved service per name."""
    round_ = Round(
        year=2027,
        opens_at=MOMENT,
        closes_at=MOMENT,
        review_deadline=MOMENT,
        advice_deadline=MOMENT,
    )
    provider = Provider(
        registration_number="DV.O100001", name="=Çelik bv", email="a@example.be"
    )
    reviewer = Staff(role=StaffRole.reviewer, name="Bram", email="b@example.be")
    version = ListVersion(round=round_, number=1, frozen_at=MOMENT, published_at=MOMENT)
    for name in names:
        service = Service(
            round=round_,
            provider=provider,
            kind=ServiceKind.training,
            name=name,
            criterion=Criterion.stem,
            state=S.approved,
            created_at=MOMENT,
            updated_at=MOMENT,
        )
        assessment = Assessment(
            service=service,
            reviewer=reviewer,
            verdict=S.eligible,
            motivation="STEM.",
            recorded_at=MOMENT,
        )
        version.items.append(ListItem(service=service, assessment=assessment))
    db.session.add(version)
    db.session.commit()


def test_csv_cells_that_look_like_formulas_are_written_as_text(app):
    with app.app_context():
        publish(['=HYPERLINK("http://evil.example","Klik")', "+1+1", "@SUM(A1)"])

    download = app.test_client().get("/lijst.csv").get_data(as_text=True)

    rows = list(csv.reader(io.StringIO(download.lstrip("\ufeff")), delimiter=";"))
    assert [row[:2] for row in rows[1:]] == [
        ["'+1+1", "'=Çelik bv"],
        ['\'=HYPERLINK("http://evil.example","Klik")', "'=Çelik bv"],
        ["'@SUM(A1)", "'=Çelik bv"],
    ]
