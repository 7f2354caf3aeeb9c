"""A reviewer's verdict on a service."""

from sqlalchemy import select

from review.models import Assessment
from review.states import transition
from webform import clock
from webform.errors import UserError
from webform.extensions import db
from webform.models import Service, ServiceState

VERDICTS = (ServiceState.eligible, ServiceState.ineligible)


def can_review(staff, service):
    return service.reviewer_id == staff.id


def assigned_services(reviewer, round_):
    query = (
        select(Service)
        .where(Service.reviewer_id == reviewer.id, Service.round_id == round_.id)
        .order_by(Service.id)
    )
    return db.session.scalars(query).all()


def latest_assessment(service):
    query = (
        select(Assessment)
        .where(Assessment.service_id == service.id)
        .order_by(Assessment.id.desc())
        .limit(1)
    )
    return db.session.scalar(query)


def record_verdict(service, *, verdict, motivation, by):
    """Record eligible or ineligible with a motivation; the caller commits."""
    if not can_review(by, service):
        raise UserError("Deze dienst is niet aan u toegewezen.")
    if service.state != ServiceState.in_review:
        raise UserError(
            f"Deze dienst is niet meer in beoordeling (nu: {service.state.label})."
        )
    if verdict not in VERDICTS:
        raise UserError("Kies of de dienst in aanmerking komt.")

    transition(service, verdict, by=by, reason=motivation)
    assessment = Assessment(
        service=service,
        reviewer=by,
        verdict=verdict,
        motivation=motivation,
        recorded_at=clock.now(),
    )
    db.session.add(assessment)
    return assessment
