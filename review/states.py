"""The state machine of a service: the one place a service changes state."""

import logging

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from webform import audit
from webform.errors import UserError
from webform.extensions import db
from webform.models import Service
from webform.models import ServiceState as S

logger = logging.getLogger(__name__)

ALLOWED = {
    S.draft: {S.submitted, S.withdrawn},
    S.submitted: {S.in_review, S.withdrawn},
    S.in_review: {S.eligible, S.ineligible, S.clarification_requested, S.withdrawn},
    S.clarification_requested: {S.in_review, S.withdrawn},
    S.eligible: {S.approved, S.rejected, S.withdrawn},
    S.ineligible: {S.rejected, S.withdrawn},
    S.approved: set(),
    S.rejected: set(),
    S.withdrawn: set(),
}


class TransitionRefusedError(UserError):
    """A move the state machine does not allow."""

    def __init__(self, service, to):
        super().__init__(
            f"‘{service.name}’ is nu ‘{service.state.label}’ en kan niet "
            f"‘{to.label}’ worden."
        )


def can_move(service, to):
    return to in ALLOWED[service.state]


def moved_in_database(service, from_state, to):
    """Change the state only if no one changed it since it was read.

    Two requests at once (submit and withdraw, two verdicts) cannot both
    move the same service: the second finds the state changed and is refused.
    """
    db.session.flush()
    moved = db.session.execute(
        update(Service)
        .where(Service.id == service.id, Service.state == from_state)
        .values(state=to)
        .execution_options(synchronize_session=False)
    )
    return moved.rowcount == 1


def transition(service, to, *, by, reason=""):
    """Move a service to state `to`, or raise TransitionRefusedError.

    Records the move in the audit log in the caller's transaction; the caller
    enqueues any mail in that same transaction and commits.
    """
    if not can_move(service, to):
        raise TransitionRefusedError(service, to)

    from_state = service.state
    if not moved_in_database(service, from_state, to):
        db.session.refresh(service)
        raise TransitionRefusedError(service, to)
    set_committed_value(service, "state", to)
    audit.record(
        "service.transition",
        service,
        by=by,
        from_state=from_state.name,
        to_state=to.name,
        reason=reason,
    )
    logger.info(
        "service %s %s -> %s by %s",
        service.id,
        from_state.name,
        to.name,
        audit.describe(by),
    )
