"""The state machine of a service: the moves of DESIGN.md and no others."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from review.assessment import record_verdict
from review.assignment import assign
from review.states import TransitionRefusedError, transition
from tests.review.conftest import (
    SUBMITTING,
)
from tests.samples import (
    CELIK,
    SOFIE,
)
from webform import clock, services
from webform.extensions import db
from webform.models import AuditEntry, Provider, Service, Staff
from webform.models import ServiceState as S
from webform.rounds import current_round

# The table in DESIGN.md, "The life of a service".
DESIGN_MOVES = {
    ("draft", "submitted"),
    ("submitted", "in_review"),
    ("in_review", "eligible"),
    ("in_review", "ineligible"),
    ("in_review", "clarification_requested"),
    ("clarification_requested", "in_review"),
    ("eligible", "approved"),
    ("eligible", "rejected"),
    ("ineligible", "rejected"),
    ("draft", "withdrawn"),
    ("submitted", "withdrawn"),
    ("in_review", "withdrawn"),
    ("clarification_requested", "withdrawn"),
    ("eligible", "withdrawn"),
    ("ineligible", "withdrawn"),
}

# A way to reach each state through allowed moves.
PATHS = {
    S.draft: [],
    S.submitted: [S.submitted],
    S.in_review: [S.submitted, S.in_review],
    S.clarification_requested: [S.submitted, S.in_review, S.clarification_requested],
    S.eligible: [S.submitted, S.in_review, S.eligible],
    S.ineligible: [S.submitted, S.in_review, S.ineligible],
    S.approved: [S.submitted, S.in_review, S.eligible, S.approved],
    S.rejected: [S.submitted, S.in_review, S.ineligible, S.rejected],
    S.withdrawn: [S.withdrawn],
}


@pytest.fixture
def round_open(round_ready, time_machine):
    time_machine.move_to(SUBMITTING, tick=False)


def celik():
    return db.session.scalar(select(Provider).filter_by(registration_number=CELIK))


def staff_member(address):
    return db.session.scalar(select(Staff).filter_by(email=address))


def new_draft(name="Lassen TIG voor beginners"):
    return services.save_draft(celik(), current_round(), {"name": name}, by=celik())


def service_in(state):
    service = new_draft()
    for step in PATHS[state]:
        transition(service, step, by=None)
    return service


def audit_trail(service):
    query = (
        select(AuditEntry)
        .filter_by(action="service.transition", subject_id=service.id)
        .order_by(AuditEntry.id)
    )
    return [
        (entry.actor, entry.from_state, entry.to_state, entry.reason)
        for entry in db.session.scalars(query)
    ]


def try_move(service, to):
    """Attempt a move; tell whether it was allowed."""
    start, trail = service.state, audit_trail(service)
    try:
        transition(service, to, by=None, reason="test")
    except TransitionRefusedError:
        assert service.state == start
        assert audit_trail(service) == trail
        return False
    assert service.state == to
    assert audit_trail(service)[-1] == ("system", start.name, to.name, "test")
    return True


def test_state_machine_allows_exactly_the_moves_of_the_design(app, round_open):
    with app.app_context():
        allowed = {
            (start.name, to.name)
            for start in S
            for to in S
            if try_move(service_in(start), to)
        }
    assert allowed == DESIGN_MOVES


def test_refused_move_says_in_dutch_what_cannot_happen(app, round_open):
    with app.app_context():
        service = service_in(S.approved)
        with pytest.raises(TransitionRefusedError) as refusal:
            transition(service, S.withdrawn, by=celik())
        assert refusal.value.message == (
            f"‘{service.name}’ is nu ‘goedgekeurd’ en kan niet ‘ingetrokken’ worden."
        )
        assert service.state == S.approved


def test_every_move_is_audited_with_actor_from_to_and_reason(app, round_open):
    with app.app_context():
        service = new_draft()
        db.session.flush()
        services.submit_services(celik(), [service], by=celik())
        sofie = staff_member(SOFIE)
        assign(service, sofie)
        db.session.flush()
        record_verdict(
            service,
            verdict=S.ineligible,
            motivation="Geen STEM-opleiding.",
            by=sofie,
        )
        services.withdraw_service(service, by=celik())
        db.session.commit()

        assert audit_trail(service) == [
            ("provider DV.O100001", "draft", "submitted", ""),
            ("system", "submitted", "in_review", f"staff {sofie.id}"),
            (
                f"staff {sofie.id} (reviewer)",
                "in_review",
                "ineligible",
                "Geen STEM-opleiding.",
            ),
            ("provider DV.O100001", "ineligible", "withdrawn", ""),
        ]
        times = db.session.scalars(
            select(AuditEntry.at).filter_by(
                action="service.transition", subject_id=service.id
            )
        )
        assert {clock.as_utc(moment) for moment in times} == {SUBMITTING}


def test_a_move_from_a_state_someone_else_just_changed_is_refused(app, round_open):
    with app.app_context():
        service = new_draft()
        db.session.commit()
        assert service.state == S.draft  # read before the other request acts
        with Session(db.engine) as other_request:
            other = other_request.get(Service, service.id)
            transition_elsewhere(other_request, other)

        with pytest.raises(TransitionRefusedError) as refusal:
            transition(service, S.submitted, by=celik())

        assert refusal.value.message == (
            "‘Lassen TIG voor beginners’ is nu ‘ingetrokken’ en kan niet "
            "‘ingediend’ worden."
        )
        assert service.state == S.withdrawn
        assert [step[1:3] for step in audit_trail(service)] == [("draft", "withdrawn")]


def transition_elsewhere(session, service):
    """What a second request does at the same moment: withdraw the draft."""
    service.state = S.withdrawn
    session.add(
        AuditEntry(
            at=service.updated_at,
            actor="provider",
            action="service.transition",
            subject_type="service",
            subject_id=service.id,
            from_state="draft",
            to_state="withdrawn",
        )
    )
    session.commit()
