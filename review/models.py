"""Assessments, frozen list versions, chamber advice and the approval."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webform.extensions import db
from webform.models import Round, Service, ServiceState, Staff, db_enum


class Assessment(db.Model):
    """A reviewer's verdict on a service, with its motivation."""

    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    verdict: Mapped[ServiceState] = mapped_column(db_enum(ServiceState))
    motivation: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    service: Mapped[Service] = relationship()
    reviewer: Mapped[Staff] = relationship()

    def __repr__(self):
        return f"<Assessment {self.id} service={self.service_id}>"


class ListVersion(db.Model):
    """A frozen proposed list: the services of a round with their verdicts."""

    __tablename__ = "list_version"
    __table_args__ = (UniqueConstraint("round_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"))
    number: Mapped[int] = mapped_column(Integer)
    frozen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    round: Mapped[Round] = relationship()
    approved_by: Mapped[Staff | None] = relationship()
    items: Mapped[list["ListItem"]] = relationship(
        back_populates="list_version", order_by="ListItem.id"
    )

    def __repr__(self):
        return f"<ListVersion {self.id} round={self.round_id} v{self.number}>"


class ListItem(db.Model):
    __tablename__ = "list_item"
    __table_args__ = (UniqueConstraint("list_version_id", "service_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    list_version_id: Mapped[int] = mapped_column(ForeignKey("list_version.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"))
    exclusion_reason: Mapped[str] = mapped_column(Text, default="")

    list_version: Mapped[ListVersion] = relationship(back_populates="items")
    service: Mapped[Service] = relationship()
    assessment: Mapped[Assessment] = relationship()

    @property
    def is_eligible(self):
        return self.assessment.verdict == ServiceState.eligible

    def __repr__(self):
        return f"<ListItem {self.id} service={self.service_id}>"


class ChamberAdvice(db.Model):
    """One chamber member's advice on one list version."""

    __tablename__ = "chamber_advice"
    __table_args__ = (UniqueConstraint("list_version_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    list_version_id: Mapped[int] = mapped_column(ForeignKey("list_version.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    overall: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    member: Mapped[Staff] = relationship()
    remarks: Mapped[list["AdviceRemark"]] = relationship(
        back_populates="advice", cascade="all, delete-orphan"
    )

    def __repr__(self):
        return f"<ChamberAdvice {self.id} member={self.member_id}>"


class AdviceRemark(db.Model):
    __tablename__ = "advice_remark"
    __table_args__ = (UniqueConstraint("advice_id", "list_item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    advice_id: Mapped[int] = mapped_column(ForeignKey("chamber_advice.id"))
    list_item_id: Mapped[int] = mapped_column(ForeignKey("list_item.id"))
    remark: Mapped[str] = mapped_column(Text)

    advice: Mapped[ChamberAdvice] = relationship(back_populates="remarks")
    list_item: Mapped[ListItem] = relationship()
