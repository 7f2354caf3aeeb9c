"""Registration rounds: creating, closing, and inviting providers."""

import logging
from datetime import timedelta

from sqlalchemy import func, select

from notify.outbox import has_key
from webform import audit, clock
from webform.errors import UserError
from webform.extensions import db
from webform.links import issue_link, link_url
from webform.mail import mail_to
from webform.models import Link, LinkPurpose, Occupation, Provider, Round

logger = logging.getLogger(__name__)

REVIEW_WEEKS = 6
ADVICE_WEEKS = 3


def current_round():
    """The round opened last; before any has opened, the first to come."""
    opened = (
        select(Round)
        .where(Round.opens_at <= clock.now())
        .order_by(Round.opens_at.desc())
        .limit(1)
    )
    coming = select(Round).order_by(Round.opens_at).limit(1)
    return db.session.scalar(opened) or db.session.scalar(coming)


def active_rounds():
    """Rounds that have opened and whose decisions have not gone out yet.

    Scheduled work runs for each: next year's round, created early, does not
    stop the reminders of this year's.
    """
    query = (
        select(Round)
        .where(Round.opens_at <= clock.now(), Round.decisions_sent_at.is_(None))
        .order_by(Round.opens_at)
    )
    return db.session.scalars(query).all()


def require_current_round():
    round_ = current_round()
    if round_ is None:
        raise UserError("Er is nog geen registratieronde.")
    return round_


def create_round(
    year,
    opens,
    closes,
    *,
    by,
    review_deadline=None,
    advice_deadline=None,
    **reminder_settings,
):
    """Create a round from Brussels dates; it closes at the end of `closes`.

    `reminder_settings` are the Round's reminder columns; unset, the defaults.
    """
    review_deadline = review_deadline or closes + timedelta(weeks=REVIEW_WEEKS)
    advice_deadline = advice_deadline or review_deadline + timedelta(weeks=ADVICE_WEEKS)
    check_dates(year, opens, closes, review_deadline, advice_deadline)

    round_ = Round(
        year=year,
        opens_at=clock.start_of_day(opens),
        closes_at=clock.end_of_day(closes),
        review_deadline=clock.end_of_day(review_deadline),
        advice_deadline=clock.end_of_day(advice_deadline),
        **reminder_settings,
    )
    db.session.add(round_)
    db.session.flush()
    audit.record("round.create", round_, by=by)
    return round_


def check_dates(year, opens, closes, review_deadline, advice_deadline):
    if closes < opens:
        raise UserError("De sluitingsdatum ligt voor de openingsdatum.")
    if review_deadline < closes:
        raise UserError("De beoordelingstermijn eindigt voor de sluiting.")
    if advice_deadline < review_deadline:
        raise UserError("De adviestermijn eindigt voor de beoordelingstermijn.")
    if db.session.scalar(select(Round).where(Round.year == year)):
        raise UserError(f"Er bestaat al een ronde voor {year}.")


def close_round(round_, *, by):
    """Close the round now; the caller commits."""
    if not round_.has_opened():
        opens = clock.format_local(round_.opens_at)
        raise UserError(f"De ronde {round_.year} opent pas op {opens}.")
    if not round_.is_open():
        closed = clock.format_local(round_.closes_at)
        raise UserError(f"De ronde {round_.year} is al gesloten sinds {closed}.")
    round_.closes_at = clock.now()
    audit.record("round.close", round_, by=by)


def latest_occupation_year():
    return db.session.scalar(select(func.max(Occupation.year)))


def occupations_for(round_):
    year = round_.occupation_year or latest_occupation_year()
    query = select(Occupation).where(Occupation.year == year)
    return db.session.scalars(query).all()


def send_invitations(round_):
    """Invite every provider not yet invited to an open round; caller commits.

    Safe to run again: a provider whose invitation is in the outbox is skipped.
    """
    if not round_.is_open():
        return 0
    if round_.occupation_year is None:
        round_.occupation_year = latest_occupation_year()

    # Every invitation carries a link: a provider without one is not invited.
    with_link = select(Link.provider_id).where(
        Link.round_id == round_.id,
        Link.purpose == LinkPurpose.webform,
        Link.provider_id.is_not(None),
    )
    not_invited = select(Provider).where(Provider.id.not_in(with_link))
    invited = 0
    for provider in db.session.scalars(not_invited.order_by(Provider.id)):
        invited += invite(round_, provider)
    if invited:
        logger.info("invited %d providers to round %s", invited, round_.year)
    return invited


def invite(round_, provider):
    key = f"invitation:{round_.id}:{provider.id}"
    if has_key(db.session, key):
        return 0
    _, token = issue_link(LinkPurpose.webform, round_, provider=provider)
    mail_to(
        provider,
        key=key,
        template="invitation",
        provider=provider,
        round=round_,
        url=link_url(token),
    )
    return 1
