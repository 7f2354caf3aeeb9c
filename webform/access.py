"""Who is on the other side of a request: the holder of an opened link."""

import functools

from flask import abort, g, session

from webform.extensions import db
from webform.models import Link

SESSION_KEY = "link_id"


def remember(link):
    """Act as the link's holder from now on; an open form in another tab
    keeps its CSRF token, so nothing typed there is lost."""
    session[SESSION_KEY] = link.id


def current_link():
    link_id = session.get(SESSION_KEY)
    link = db.session.get(Link, link_id) if link_id else None
    if link is None or not link.is_valid():
        return None
    return link


def link_required(purpose):
    """Let a view run only for the holder of an opened link for `purpose`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            link = current_link()
            if link is None or link.purpose != purpose:
                abort(403)
            g.link = link
            return view(*args, **kwargs)

        return wrapper

    return decorator
