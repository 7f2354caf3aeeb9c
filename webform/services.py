"""What a provider does with its services: save drafts, submit, withdraw."""

import logging

from sqlalchemy import select

from review.states import transition
from webform import clock, messages
from webform.errors import UserError
from webform.extensions import db
from webform.forms import TYPED_FIELDS, missing_fields
from webform.mail import mail_to
from webform.models import Service, ServiceState

logger = logging.getLogger(__name__)


class RoundClosedError(UserError):
    def __init__(self):
        super().__init__(messages.ROUND_CLOSED)


def check_open(round_):
    if not round_.is_open():
        raise RoundClosedError()


def services_of(provider, round_):
    query = (
        select(Service)
        .where(Service.provider_id == provider.id, Service.round_id == round_.id)
        .order_by(Service.id)
    )
    return db.session.scalars(query).all()


def find_service(provider, service_id):
    """Return the provider's own service, or None for anyone else's."""
    service = db.session.get(Service, service_id)
    if service is None or service.provider_id != provider.id:
        return None
    return service


def created_by_form(provider, form_key):
    """The service a form already created: a second click, or a back button."""
    if not form_key:
        return None
    query = select(Service).where(
        Service.provider_id == provider.id, Service.form_key == form_key
    )
    return db.session.scalar(query)


def has_values(service, values):
    """Tell whether a service already holds exactly these typed values."""
    return all(getattr(service, name) == value for name, value in values.items())


def save_draft(provider, round_, values, *, by, service=None, form_key=None):
    """Create or update a draft from the form's values; the caller commits."""
    check_open(round_)
    if service is None:
        service = Service(
            round=round_,
            provider=provider,
            kind=provider.kind,
            created_at=clock.now(),
            form_key=form_key or None,
        )
        db.session.add(service)
    elif not service.can_edit:
        raise UserError("Deze dienst is al ingediend en kan niet meer wijzigen.")

    for name, value in values.items():
        setattr(service, name, value)
    service.updated_at = clock.now()
    db.session.flush()
    return service


def is_ready(service):
    """Tell whether a draft has everything a submit needs."""
    return not missing_fields(draft_data(service))


def draft_data(service):
    data = {name: getattr(service, name) for name in TYPED_FIELDS}
    data["occupation_id"] = service.occupation_id
    data["criterion"] = service.criterion.name if service.criterion else None
    return data


def submit_services(provider, services, *, by):
    """Submit drafts and queue one confirmation listing them; the caller commits."""
    if not services:
        raise UserError("Er is geen concept dat klaar is om in te dienen.")
    round_ = services[0].round
    check_open(round_)

    for service in services:
        transition(service, ServiceState.submitted, by=by)
        service.submitted_at = clock.now()
    # A service is submitted once: the first one names this submit.
    mail_to(
        provider,
        key=f"confirmation:{round_.id}:{provider.id}:{services[0].id}",
        template="confirmation",
        provider=provider,
        round=round_,
        services=services,
        submitted_at=clock.format_local(clock.now()),
    )
    logger.info("provider %s submitted %d services", provider.id, len(services))


def ready_drafts(provider, round_, listed=None):
    """The drafts a submit would take; `listed` spares a query for the overview."""
    listed = services_of(provider, round_) if listed is None else listed
    return [service for service in listed if service.can_edit and is_ready(service)]


def withdraw_service(service, *, by):
    """Withdraw a service while the round is open and confirm it by mail.

    The caller commits.
    """
    check_open(service.round)
    was_submitted = service.state != ServiceState.draft
    transition(service, ServiceState.withdrawn, by=by)
    if was_submitted:
        provider = service.provider
        mail_to(
            provider,
            key=f"withdrawal:{service.id}",
            template="withdrawal",
            provider=provider,
            service=service,
            withdrawn_at=clock.format_local(clock.now()),
        )
