"""Hand submitted services to reviewers in turn, and tell each reviewer."""

import logging
from datetime import timedelta

from sqlalchemy import func, select

from review.states import transition
from webform import clock
from webform.extensions import db
from webform.links import issue_link, link_url
from webform.mail import mail_to
from webform.models import LinkPurpose, Service, ServiceState, Staff, StaffRole
from webform.workdays import add_working_days

logger = logging.getLogger(__name__)

STAFF_LINK_DAYS = 30
ASSIGNMENT_WORKING_DAYS = 10


def active_staff(role):
    query = select(Staff).where(Staff.role == role, Staff.is_active).order_by(Staff.id)
    return db.session.scalars(query).all()


def workload(round_, reviewers):
    query = (
        select(Service.reviewer_id, func.count())
        .where(Service.round_id == round_.id, Service.reviewer_id.is_not(None))
        .group_by(Service.reviewer_id)
    )
    counts = dict(db.session.execute(query).all())
    return {reviewer.id: counts.get(reviewer.id, 0) for reviewer in reviewers}


def assign_submitted_services(round_):
    """Assign every unassigned submitted service; the caller commits.

    Each service goes to the reviewer with the fewest services in the round,
    so reviewers take turns. Returns {reviewer: [services]}.
    """
    reviewers = active_staff(StaffRole.reviewer)
    waiting = db.session.scalars(
        select(Service)
        .where(Service.round_id == round_.id, Service.state == ServiceState.submitted)
        .order_by(Service.id)
    ).all()
    if not waiting or not reviewers:
        if waiting:
            logger.warning("%d services wait: no active reviewer", len(waiting))
        return {}

    load = workload(round_, reviewers)
    assigned = {}
    for service in waiting:
        reviewer = min(reviewers, key=lambda r: (load[r.id], r.id))
        assign(service, reviewer)
        load[reviewer.id] += 1
        assigned.setdefault(reviewer, []).append(service)
    for reviewer, services in assigned.items():
        mail_assignment(round_, reviewer, services)
    return assigned


def review_due(round_, assigned_at):
    """Ten working days after the assignment, never after the review deadline."""
    assigned_on = clock.local(assigned_at).date()
    due_day = add_working_days(assigned_on, ASSIGNMENT_WORKING_DAYS)
    return min(clock.end_of_day(due_day), clock.as_utc(round_.review_deadline))


def assign(service, reviewer):
    service.reviewer = reviewer
    service.review_due_at = review_due(service.round, clock.now())
    transition(service, ServiceState.in_review, by=None, reason=f"staff {reviewer.id}")


def review_links(round_, reviewer, services):
    """A new review link for a mail: (token, [(service, its page's link)])."""
    expires = clock.as_utc(round_.review_deadline) + timedelta(days=STAFF_LINK_DAYS)
    _, token = issue_link(
        LinkPurpose.review, round_, staff=reviewer, expires_at=expires
    )
    items = [
        (service, link_url(token, f"/beoordelen/diensten/{service.id}"))
        for service in services
    ]
    return token, items


def mail_assignment(round_, reviewer, services):
    token, items = review_links(round_, reviewer, services)
    # A service is assigned once: the first one names this assignment.
    mail_to(
        reviewer,
        key=f"assignment:{round_.id}:{reviewer.id}:{services[0].id}",
        template="assignment",
        reviewer=reviewer,
        round=round_,
        items=items,
        overview_url=link_url(token),
        deadline=clock.last_day(services[0].review_due_at),
    )
