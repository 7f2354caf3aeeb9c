"""The landing page of a personal link: a GET shows, a POST opens."""

import re

from flask import Blueprint, redirect, render_template, request

from webform.access import remember
from webform.extensions import db
from webform.forms import ConfirmForm
from webform.links import find_link, mark_opened
from webform.models import LinkPurpose

bp = Blueprint("links", __name__)

START_PAGES = {
    LinkPurpose.webform: "/dienstverlener/",
    LinkPurpose.review: "/beoordelen/",
    LinkPurpose.advice: "/kwaliteitskamer/",
    LinkPurpose.approval: "/kabinet/",
}


SAFE_PATH = re.compile(r"/[A-Za-z0-9/_-]*")


def safe_next(link, path):
    """Follow `naar` only to a page of the link's own part of the site."""
    start = START_PAGES[link.purpose]
    is_safe = path and SAFE_PATH.fullmatch(path) and "//" not in path
    if is_safe and path.startswith(start):
        return path
    return start


@bp.get("/link/<token>")
def landing(token):
    link = find_link(token)
    if link is None:
        return render_template("links/invalid.html"), 404
    return render_template("links/landing.html", link=link, form=ConfirmForm())


@bp.post("/link/<token>")
def open_link(token):
    link = find_link(token)
    if link is None:
        return render_template("links/invalid.html"), 404
    if not ConfirmForm().validate_on_submit():
        return render_template("links/landing.html", link=link, form=ConfirmForm()), 400

    mark_opened(link)
    db.session.commit()
    remember(link)
    return redirect(safe_next(link, request.args.get("naar")))
