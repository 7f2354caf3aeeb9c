"""The proposed list: freezing, chamber advice, approval and publication."""

import logging
from datetime import timedelta

from sqlalchemy import or_, select

from review.assessment import latest_assessment
from review.assignment import STAFF_LINK_DAYS, active_staff
from review.models import AdviceRemark, ChamberAdvice, ListItem, ListVersion
from review.states import transition
from webform import audit, clock
from webform.errors import UserError
from webform.extensions import db
from webform.links import issue_link, link_url, public_url
from webform.mail import mail_to
from webform.models import (
    Link,
    LinkPurpose,
    Provider,
    Service,
    ServiceState,
    StaffRole,
)

logger = logging.getLogger(__name__)

AWAITING_VERDICT = (
    ServiceState.submitted,
    ServiceState.in_review,
    ServiceState.clarification_requested,
)
WITH_VERDICT = (ServiceState.eligible, ServiceState.ineligible)
PROVIDER_LINK_DAYS_AFTER_DECISION = 90
MINISTER_LINK_DAYS = 90


def services_in(round_, states):
    query = (
        select(Service)
        .where(Service.round_id == round_.id, Service.state.in_(states))
        .order_by(Service.id)
    )
    return db.session.scalars(query).all()


def latest_version(round_):
    query = (
        select(ListVersion)
        .where(ListVersion.round_id == round_.id)
        .order_by(ListVersion.number.desc())
        .limit(1)
    )
    return db.session.scalar(query)


def freeze_list(round_, *, by):
    """Freeze the services with a verdict and ask the chamber; caller commits."""
    if round_.is_open():
        raise UserError(
            f"De ronde is nog open tot en met {clock.last_day(round_.closes_at)}. "
            "Leg de lijst vast na de sluiting."
        )
    waiting = services_in(round_, AWAITING_VERDICT)
    if waiting:
        raise UserError(without_verdict(len(waiting)))
    if latest_version(round_) is not None:
        raise UserError("De voorgestelde lijst van deze ronde is al vastgelegd.")
    services = services_in(round_, WITH_VERDICT)
    if not services:
        raise UserError("Er is geen beoordeelde dienst om op de lijst te zetten.")

    version = ListVersion(round=round_, number=1, frozen_at=clock.now())
    db.session.add(version)
    for service in services:
        item = ListItem(service=service, assessment=latest_assessment(service))
        version.items.append(item)
    db.session.flush()
    audit.record("list.freeze", version, by=by, services=len(services))
    request_advice(version)
    return version


def without_verdict(count):
    """Why freezing waits, in Dutch: 1 dienst heeft, 2 diensten hebben."""
    waits = "dienst heeft" if count == 1 else "diensten hebben"
    return (
        f"{count} ingediende {waits} nog geen beoordeling. "
        "Leg de lijst vast als elke ingediende dienst beoordeeld is."
    )


def request_advice(version):
    round_ = version.round
    expires = clock.as_utc(round_.advice_deadline) + timedelta(days=STAFF_LINK_DAYS)
    for member in active_staff(StaffRole.chamber):
        _, token = issue_link(
            LinkPurpose.advice, round_, staff=member, expires_at=expires
        )
        mail_to(
            member,
            key=f"advice-request:{version.id}:{member.id}",
            template="advice_request",
            member=member,
            version=version,
            url=link_url(token),
            deadline=clock.last_day(round_.advice_deadline),
        )


def advice_of(version, member):
    query = select(ChamberAdvice).where(
        ChamberAdvice.list_version_id == version.id,
        ChamberAdvice.member_id == member.id,
    )
    return db.session.scalar(query)


def advice_on(version):
    """Every chamber member's advice on a list version."""
    query = (
        select(ChamberAdvice)
        .where(ChamberAdvice.list_version_id == version.id)
        .order_by(ChamberAdvice.member_id)
    )
    return db.session.scalars(query).all()


def record_advice(version, *, overall, remarks, by):
    """Store or replace a member's advice until the list goes to the minister."""
    if version.submitted_at is not None:
        raise UserError(
            "De lijst is al naar de minister gestuurd; advies kan niet meer."
        )
    advice = advice_of(version, by)
    if advice is None:
        advice = ChamberAdvice(list_version_id=version.id, member=by)
        db.session.add(advice)
    advice.overall = overall
    advice.recorded_at = clock.now()
    replace_remarks(advice, version, remarks)
    db.session.flush()
    audit.record("list.advice", version, by=by)
    return advice


def replace_remarks(advice, version, remarks):
    """Keep the row of a remark that changes: a flush inserts before it deletes,
    so a new row for the same list item would break the unique key."""
    existing = {remark.list_item_id: remark for remark in advice.remarks}
    kept = []
    for item in version.items:
        if not remarks.get(item.id):
            continue
        remark = existing.get(item.id) or AdviceRemark(list_item=item)
        remark.remark = remarks[item.id]
        kept.append(remark)
    advice.remarks = kept


def members_without_advice(version):
    members = active_staff(StaffRole.chamber)
    return [member for member in members if advice_of(version, member) is None]


def check_advice_complete(version):
    """Before the advice deadline, wait for every chamber member's advice."""
    round_ = version.round
    missing = members_without_advice(version)
    if missing and clock.now() < clock.as_utc(round_.advice_deadline):
        names = ", ".join(member.name for member in missing)
        deadline = clock.last_day(round_.advice_deadline)
        raise UserError(
            f"Nog geen advies van {names}; zij hebben tijd tot en met {deadline}. "
            "Wacht tot dan, of stuur de lijst toch met --without-all-advice."
        )


def submit_list(round_, *, by, without_all_advice=False):
    """Send the frozen list to the minister's office; the caller commits."""
    version = latest_version(round_)
    if version is None:
        raise UserError("Er is nog geen vastgelegde lijst om in te dienen.")
    if version.submitted_at is not None:
        raise UserError("Deze lijst is al naar de minister gestuurd.")
    if not without_all_advice:
        check_advice_complete(version)

    version.submitted_at = clock.now()
    audit.record("list.submit", version, by=by)
    expires = clock.now() + timedelta(days=MINISTER_LINK_DAYS)
    for office in active_staff(StaffRole.minister):
        _, token = issue_link(
            LinkPurpose.approval, round_, staff=office, expires_at=expires
        )
        mail_to(
            office,
            key=f"approval-request:{version.id}:{office.id}",
            template="approval_request",
            office=office,
            version=version,
            url=link_url(token),
        )
    return version


def approve_list(version, *, exclusions, by):
    """Record the minister's decision and queue every decision letter.

    `exclusions` maps list item ids to the reason for leaving them off.
    The caller commits.
    """
    if version.submitted_at is None:
        raise UserError("Deze lijst is nog niet ter goedkeuring voorgelegd.")
    if version.approved_at is not None:
        raise UserError(
            "Deze lijst is al goedgekeurd op "
            f"{clock.format_local(version.approved_at)}. Wat u nu verstuurde, "
            "is niet bewaard."
        )

    for item in version.items:
        decide(item, exclusions.get(item.id, ""), by=by)
    version.approved_at = clock.now()
    version.approved_by = by
    version.published_at = version.approved_at
    audit.record("list.approve", version, by=by, excluded=len(exclusions))
    send_decisions(version)
    logger.info("list version %s approved", version.id)


def decide(item, exclusion_reason, *, by):
    if item.is_eligible and not exclusion_reason:
        transition(item.service, ServiceState.approved, by=by)
        return
    if item.is_eligible:
        item.exclusion_reason = exclusion_reason
    transition(item.service, ServiceState.rejected, by=by, reason=rejection(item))


def rejection(item):
    """The reason a provider reads for a rejected service."""
    return item.exclusion_reason or item.assessment.motivation


def send_decisions(version):
    round_ = version.round
    round_.decisions_sent_at = clock.now()
    by_provider = {}
    for item in version.items:
        by_provider.setdefault(item.service.provider, []).append(item)
    for provider, items in by_provider.items():
        mail_to(
            provider,
            key=f"decision:{round_.id}:{provider.id}",
            template="decision",
            provider=provider,
            round=round_,
            items=items,
            rejection=rejection,
            list_url=public_url("/lijst"),
            decided_on=clock.format_local(version.approved_at, with_time=False),
        )
    expire_provider_links(round_)


def expire_provider_links(round_):
    expires = clock.now() + timedelta(days=PROVIDER_LINK_DAYS_AFTER_DECISION)
    links = db.session.scalars(
        select(Link).where(
            Link.round_id == round_.id, Link.purpose == LinkPurpose.webform
        )
    )
    for link in links:
        link.expires_at = expires


def published_items(search=""):
    """The approved services of every published list, by name."""
    query = (
        select(Service)
        .join(ListItem, ListItem.service_id == Service.id)
        .join(ListVersion, ListItem.list_version_id == ListVersion.id)
        .where(ListVersion.published_at.is_not(None))
        .where(Service.state == ServiceState.approved)
        .order_by(Service.name, Service.id)
    )
    if search:
        pattern = "%" + escape_like(search) + "%"
        query = query.join(Provider, Service.provider_id == Provider.id).where(
            or_(
                Service.name.ilike(pattern, escape="\\"),
                Provider.name.ilike(pattern, escape="\\"),
            )
        )
    return db.session.scalars(query).all()


def escape_like(text):
    """Let %, _ and \\ in a search mean themselves."""
    for special in ("\\", "%", "_"):
        text = text.replace(special, "\\" + special)
    return text
