"""A lock per job name in the database, so a job runs in one process at a time."""

import uuid
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from notify.clock import now
from notify.models import JobLock


def ensure_row(session, name):
    if session.scalar(select(JobLock.name).where(JobLock.name == name)):
        return
    try:
        with session.begin_nested():
            session.add(JobLock(name=name))
    except IntegrityError:
        pass  # another process created it at the same moment
    session.commit()


def acquire(session, name, seconds):
    """Take the lock for `seconds`; returns a holder id, or None if taken."""
    ensure_row(session, name)
    holder = uuid.uuid4().hex
    moment = now()
    taken = session.execute(
        update(JobLock)
        .where(JobLock.name == name)
        .where(or_(JobLock.locked_until.is_(None), JobLock.locked_until < moment))
        .values(holder=holder, locked_until=moment + timedelta(seconds=seconds))
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return holder if taken.rowcount == 1 else None


def release(session, name, holder):
    session.execute(
        update(JobLock)
        .where(JobLock.name == name, JobLock.holder == holder)
        .values(holder=None, locked_until=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()
