"""The audit log: who did what to which object, and when."""

from webform import clock
from webform.extensions import db
from webform.models import AuditEntry, Provider, Staff


def describe(actor):
    """Name an actor for the audit log: a provider, a staff member or the system."""
    if isinstance(actor, Provider):
        return f"provider {actor.registration_number}"
    if isinstance(actor, Staff):
        return f"staff {actor.id} ({actor.role.name})"
    return "system"


def record(action, subject, *, by, from_state="", to_state="", reason="", **details):
    """Add an audit row to the current transaction."""
    entry = AuditEntry(
        at=clock.now(),
        actor=describe(by),
        action=action,
        subject_type=type(subject).__name__.lower(),
        subject_id=subject.id,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        details=details,
    )
    db.session.add(entry)
    return entry
