"""The provider's webform, reached through the personal link."""

import re
import uuid

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from sqlalchemy.exc import IntegrityError

from webform import messages, services
from webform.access import link_required
from webform.extensions import csrf, db
from webform.forms import ConfirmForm, ServiceForm
from webform.models import LinkPurpose, ServiceState
from webform.rounds import occupations_for

bp = Blueprint("provider", __name__, url_prefix="/dienstverlener")
FORM_KEY = re.compile(r"[0-9a-f]{32}")


@bp.before_request
@link_required(LinkPurpose.webform)
def load_provider():
    g.provider = g.link.provider
    g.round = g.link.round


def own_service(service_id):
    service = services.find_service(g.provider, service_id)
    if service is None:
        abort(404)
    return service


def service_form(service=None):
    form = ServiceForm(obj=service)
    if service is not None and service.criterion and not form.is_submitted():
        form.criterion.data = service.criterion.name
    form.set_occupations(occupations_for(g.round))
    return form


@bp.get("/")
def overview():
    listed = services.services_of(g.provider, g.round)
    ready = services.ready_drafts(g.provider, g.round, listed)
    return render_template(
        "provider/overview.html",
        services=listed,
        ready=ready,
        is_ready=services.is_ready,
        form=ConfirmForm(),
    )


def show_form(form, service, status=200):
    if form.has_expired:
        flash(messages.FORM_EXPIRED_KEPT, "error")
    page = render_template("provider/service_form.html", form=form, service=service)
    return page, status


def refuse_closed(form, service):
    """Show what was typed once more, so it can be copied: nothing is saved."""
    flash(messages.ROUND_CLOSED_NOT_SAVED, "error")
    return show_form(form, service, 409)


@bp.route("/diensten/nieuw", methods=["GET", "POST"])
@csrf.exempt  # the form checks its token and keeps what was typed
def new_service():
    form = service_form()
    if not g.round.is_open():
        if form.is_submitted():
            return refuse_closed(form, None)
        flash(messages.ROUND_CLOSED, "error")
        return redirect(url_for(".overview"))

    if not FORM_KEY.fullmatch(form.form_key.data or ""):
        form.form_key.data = uuid.uuid4().hex
    is_valid = form.validate_on_submit()
    earlier = services.created_by_form(g.provider, form.form_key.data)
    if earlier is not None:
        if is_valid and services.has_values(earlier, form.evidence()):
            flash(messages.ALREADY_SAVED, "info")  # a double click
            return redirect(url_for(".overview"))
        # The form was sent before and changed since (the back button):
        # what is typed now becomes a service of its own.
        form.form_key.data = uuid.uuid4().hex
    if is_valid:
        return save_new(form)
    return show_form(form, None)


def save_new(form):
    values, key = form.evidence(), form.form_key.data
    try:
        service = services.save_draft(
            g.provider, g.round, values, by=g.provider, form_key=key
        )
    except IntegrityError:  # the same form, saved a moment ago by a double click
        db.session.rollback()
        flash(messages.ALREADY_SAVED, "info")
        return redirect(url_for(".overview"))
    return finish_save(form, service)


@bp.route("/diensten/<id:service_id>", methods=["GET", "POST"])
@csrf.exempt  # the form checks its token and keeps what was typed
def edit_service(service_id):
    service = own_service(service_id)
    form = service_form(service)
    if service.can_edit and not g.round.is_open() and form.is_submitted():
        return refuse_closed(form, service)
    if not service.can_edit and form.is_submitted():
        flash(messages.NOT_SAVED_ALREADY_SUBMITTED, "error")
        return show_form(form, service, 409)
    if not service.can_edit or not g.round.is_open():
        return render_template(
            "provider/service.html", service=service, form=ConfirmForm()
        )

    if form.validate_on_submit():
        values = form.evidence()
        services.save_draft(g.provider, g.round, values, by=g.provider, service=service)
        return finish_save(form, service)
    return show_form(form, service)


def finish_save(form, service):
    if form.wants_submit:
        services.submit_services(g.provider, [service], by=g.provider)
        flash(
            f"‘{service.name}’ is ingediend. {messages.CONFIRMATION}",
            "success",
        )
    else:
        flash(f"‘{service.name}’ is bewaard als concept.", "success")
    db.session.commit()
    return redirect(url_for(".overview"))


@bp.post("/indienen")
def submit_ready():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    ready = services.ready_drafts(g.provider, g.round)
    if not ready:
        flash(messages.NOTHING_READY, "info")
        return redirect(url_for(".overview"))
    services.submit_services(g.provider, ready, by=g.provider)
    db.session.commit()
    noun = "dienst" if len(ready) == 1 else "diensten"
    flash(f"{len(ready)} {noun} ingediend. {messages.CONFIRMATION}", "success")
    return redirect(url_for(".overview"))


@bp.post("/diensten/<id:service_id>/intrekken")
def withdraw(service_id):
    service = own_service(service_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if service.state == ServiceState.withdrawn:
        flash(messages.ALREADY_WITHDRAWN, "info")
        return redirect(url_for(".overview"))
    services.withdraw_service(service, by=g.provider)
    db.session.commit()
    flash(f"‘{service.name}’ is ingetrokken.", "success")
    return redirect(url_for(".overview"))
