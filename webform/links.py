"""Personal links: a random token in the mail, only its hash in the database."""

import hashlib
import secrets
from urllib.parse import urlencode

from flask import current_app
from sqlalchemy import select

from webform import clock
from webform.extensions import db
from webform.models import Link


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def issue_link(purpose, round_, *, provider=None, staff=None, expires_at=None):
    """Create a link and return (link, token); the token is never stored."""
    token = secrets.token_urlsafe(32)
    link = Link(
        token_hash=hash_token(token),
        purpose=purpose,
        round=round_,
        provider=provider,
        staff=staff,
        created_at=clock.now(),
        expires_at=expires_at,
    )
    db.session.add(link)
    return link, token


def public_url(path):
    """The full address of a page, for a mail."""
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


def link_url(token, next_path=None):
    """Return the full address of a personal link, for a mail."""
    url = public_url(f"/link/{token}")
    if next_path:
        url += "?" + urlencode({"naar": next_path})
    return url


def find_link(token):
    """Return the valid link for a token, or None."""
    link = db.session.scalar(select(Link).where(Link.token_hash == hash_token(token)))
    if link is None or not link.is_valid():
        return None
    return link


def mark_opened(link):
    if link.first_opened_at is None:
        link.first_opened_at = clock.now()
