"""Rounds, providers, occupations, services, staff, links and the audit log."""

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webform import clock
from webform.extensions import db

DEFAULT_APPEAL_TEXT = (
    "Tegen deze beslissing kunt u een beroep tot nietigverklaring instellen "
    "bij de Raad van State. Dat doet u met een verzoekschrift, ondertekend "
    "door u of door een advocaat, binnen 60 dagen na de kennisgeving van "
    "deze beslissing. Het verzoekschrift stuurt u aangetekend naar de Raad "
    "van State, Wetenschapsstraat 33, 1040 Brussel, of u dient het "
    "elektronisch in via https://eproadmin.raadvst-consetat.be."
)


def db_enum(enum_class):
    return Enum(enum_class, native_enum=False, length=40)


class ServiceKind(enum.Enum):
    training = "opleiding"
    advice = "advies"

    @property
    def label(self):
        return self.value


class Criterion(enum.Enum):
    shortage_occupation = "Knelpuntberoep"
    stem = "STEM-opleiding"
    future_shortage = "Toekomstig tekort"
    legal_certificate = "Wettelijk verplicht attest"

    @property
    def label(self):
        return self.value


CRITERION_DESCRIPTIONS = {
    Criterion.shortage_occupation: (
        "De dienst leert competenties van een beroep op de VDAB-lijst "
        "van knelpuntberoepen."
    ),
    Criterion.stem: (
        "De dienst leert technologische, technische, exact-wetenschappelijke "
        "of wiskundige kennis en de toepassing ervan in beroepen (STEM of "
        "Zorg STEM)."
    ),
    Criterion.future_shortage: (
        "De dienst beantwoordt een toekomstig tekort in een sector, blijkend "
        "uit een prognose volgens de VLAMT-methode of een andere "
        "wetenschappelijk onderbouwde methode."
    ),
    Criterion.legal_certificate: (
        "De dienst leidt tot een attest of certificaat dat de Belgische wet "
        "vereist om een beroep uit te oefenen."
    ),
}


class ServiceState(enum.Enum):
    draft = "concept"
    submitted = "ingediend"
    in_review = "in beoordeling"
    clarification_requested = "verduidelijking gevraagd"
    eligible = "komt in aanmerking"
    ineligible = "komt niet in aanmerking"
    approved = "goedgekeurd"
    rejected = "geweigerd"
    withdrawn = "ingetrokken"

    @property
    def label(self):
        return self.value

    @property
    def provider_label(self):
        """What a provider sees: a verdict is advice until the minister decides."""
        if self in PROVIDER_SEES_IN_REVIEW:
            return "in behandeling"
        return self.value


PROVIDER_SEES_IN_REVIEW = {
    ServiceState.in_review,
    ServiceState.eligible,
    ServiceState.ineligible,
}


class StaffRole(enum.Enum):
    reviewer = "beoordelaar"
    chamber = "lid van de kwaliteitskamer"
    minister = "kabinet van de minister"
    admin = "beheerder"

    @property
    def label(self):
        return self.value


class LinkPurpose(enum.Enum):
    webform = "webformulier"
    review = "beoordelen"
    advice = "advies"
    approval = "goedkeuring"


class Round(db.Model):
    __tablename__ = "round"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    opens_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closes_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    review_deadline: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    advice_deadline: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    occupation_year: Mapped[int | None] = mapped_column(Integer)
    appeal_text: Mapped[str] = mapped_column(Text, default=DEFAULT_APPEAL_TEXT)
    decisions_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Reminder settings: calendar days before the close for providers, working
    # days between reviewer reminders, working days before the advice deadline.
    provider_reminder_days: Mapped[str] = mapped_column(String(50), default="14,7,2")
    reviewer_reminder_every: Mapped[int] = mapped_column(Integer, default=2)
    chamber_reminder_before: Mapped[int] = mapped_column(Integer, default=2)

    @property
    def provider_reminder_offsets(self):
        """The days before the close, largest first: [14, 7, 2]."""
        days = {int(part) for part in self.provider_reminder_days.split(",") if part}
        return sorted(days, reverse=True)

    def is_open(self, at=None):
        at = at or clock.now()
        return clock.as_utc(self.opens_at) <= at < clock.as_utc(self.closes_at)

    def has_opened(self, at=None):
        return clock.as_utc(self.opens_at) <= (at or clock.now())

    def __repr__(self):
        return f"<Round {self.id} {self.year}>"


class Provider(db.Model):
    __tablename__ = "provider"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_number: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    email: Mapped[str] = mapped_column(String(320))

    services: Mapped[list["Service"]] = relationship(back_populates="provider")

    @property
    def kind(self):
        if self.registration_number.startswith("DV.A"):
            return ServiceKind.advice
        return ServiceKind.training

    def __repr__(self):
        return f"<Provider {self.id} {self.registration_number}>"


class Occupation(db.Model):
    __tablename__ = "occupation"
    __table_args__ = (UniqueConstraint("year", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(300))
    sector: Mapped[str] = mapped_column(String(300))

    def __repr__(self):
        return f"<Occupation {self.id} {self.year} {self.name!r}>"


class Staff(db.Model):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[StaffRole] = mapped_column(db_enum(StaffRole))
    name: Mapped[str] = mapped_column(String(300))
    email: Mapped[str] = mapped_column(String(320))
    is_active: Mapped[bool] = mapped_column(default=True)

    def __repr__(self):
        return f"<Staff {self.id} {self.role.name} {self.email}>"


class Service(db.Model):
    __tablename__ = "service"
    __table_args__ = (UniqueConstraint("provider_id", "form_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id"), index=True)
    state: Mapped[ServiceState] = mapped_column(
        db_enum(ServiceState), default=ServiceState.draft
    )
    kind: Mapped[ServiceKind] = mapped_column(db_enum(ServiceKind))
    name: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    target_group: Mapped[str] = mapped_column(Text, default="")
    criterion: Mapped[Criterion | None] = mapped_column(db_enum(Criterion))
    occupation_id: Mapped[int | None] = mapped_column(ForeignKey("occupation.id"))
    stem_reference: Mapped[str] = mapped_column(Text, default="")
    prognosis_source: Mapped[str] = mapped_column(Text, default="")
    prognosis_year: Mapped[int | None] = mapped_column(Integer)
    certificate: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    justification: Mapped[str] = mapped_column(Text, default="")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    review_due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The key of the form that created the service: a second click on the same
    # form finds the service instead of making a copy.
    form_key: Mapped[str | None] = mapped_column(String(40))

    round: Mapped[Round] = relationship()
    provider: Mapped[Provider] = relationship(back_populates="services")
    occupation: Mapped[Occupation | None] = relationship()
    reviewer: Mapped[Staff | None] = relationship()

    @property
    def can_edit(self):
        return self.state == ServiceState.draft

    def __repr__(self):
        return f"<Service {self.id} {self.state.name} {self.name!r}>"


class Link(db.Model):
    """A personal link: only the hash of its token is kept."""

    __tablename__ = "link"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[LinkPurpose] = mapped_column(db_enum(LinkPurpose))
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"))
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    first_opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    round: Mapped[Round] = relationship()
    provider: Mapped[Provider | None] = relationship()
    staff: Mapped[Staff | None] = relationship()

    def is_valid(self, at=None):
        at = at or clock.now()
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or at < clock.as_utc(self.expires_at)

    def __repr__(self):
        return f"<Link {self.id} {self.purpose.name}>"


class AuditEntry(db.Model):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    subject_type: Mapped[str] = mapped_column(String(50))
    subject_id: Mapped[int] = mapped_column(Integer)
    from_state: Mapped[str] = mapped_column(String(40), default="")
    to_state: Mapped[str] = mapped_column(String(40), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    def __repr__(self):
        return f"<AuditEntry {self.id} {self.action} {self.subject_type}>"
