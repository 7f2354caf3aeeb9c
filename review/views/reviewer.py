"""Reviewers: the assigned services and the verdict form."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for

from review.assessment import (
    assigned_services,
    can_review,
    latest_assessment,
    record_verdict,
)
from review.forms import VerdictForm
from webform import messages
from webform.access import link_required
from webform.extensions import csrf, db
from webform.models import LinkPurpose, Service, ServiceState

bp = Blueprint("reviewer", __name__, url_prefix="/beoordelen")


@bp.before_request
@link_required(LinkPurpose.review)
def load_reviewer():
    g.staff = g.link.staff
    g.round = g.link.round


@bp.get("/")
def overview():
    services = assigned_services(g.staff, g.round)
    return render_template("reviewer/overview.html", services=services)


@bp.route("/diensten/<id:service_id>", methods=["GET", "POST"])
@csrf.exempt  # the form checks its token and keeps what was typed
def assess(service_id):
    service = db.session.get(Service, service_id)
    if service is None or not can_review(g.staff, service):
        abort(404)

    form = VerdictForm()
    if form.is_submitted() and service.state != ServiceState.in_review:
        flash(messages.ALREADY_ASSESSED, "info")
        return redirect(url_for(".assess", service_id=service.id))
    if form.validate_on_submit():
        verdict = ServiceState[form.verdict.data]
        record_verdict(
            service,
            verdict=verdict,
            motivation=form.motivation.data.strip(),
            by=g.staff,
        )
        db.session.commit()
        flash(f"Uw beoordeling van ‘{service.name}’ is bewaard.", "success")
        return redirect(url_for(".overview"))
    if form.has_expired:
        flash(messages.FORM_EXPIRED_KEPT, "error")
    return render_template(
        "reviewer/assess.html",
        service=service,
        form=form,
        assessment=latest_assessment(service),
    )
