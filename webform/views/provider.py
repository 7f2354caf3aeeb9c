"""The provider's webform, reached through the personal link."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for

from webform import services
from webform.access import link_required
from webform.extensions import db
from webform.forms import ConfirmForm, ServiceForm
from webform.models import LinkPurpose
from webform.rounds import occupations_for

bp = Blueprint("provider", __name__, url_prefix="/dienstverlener")


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
    ready = services.ready_drafts(g.provider, g.round)
    return render_template(
        "provider/overview.html",
        services=listed,
        ready=ready,
        is_ready=services.is_ready,
        form=ConfirmForm(),
    )


@bp.route("/diensten/nieuw", methods=["GET", "POST"])
def new_service():
    form = service_form()
    if form.validate_on_submit():
        service = services.save_draft(
            g.provider, g.round, form.evidence(), by=g.provider
        )
        return finish_save(form, service)
    return render_template("provider/service_form.html", form=form, service=None)


@bp.route("/diensten/<int:service_id>", methods=["GET", "POST"])
def edit_service(service_id):
    service = own_service(service_id)
    if not service.can_edit:
        return render_template(
            "provider/service.html", service=service, form=ConfirmForm()
        )

    form = service_form(service)
    if form.validate_on_submit():
        services.save_draft(
            g.provider, g.round, form.evidence(), by=g.provider, service=service
        )
        return finish_save(form, service)
    return render_template("provider/service_form.html", form=form, service=service)


def finish_save(form, service):
    if form.wants_submit:
        services.submit_services(g.provider, [service], by=g.provider)
        flash(
            f"‘{service.name}’ is ingediend. U krijgt een bevestiging per e-mail.",
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
    services.submit_services(g.provider, ready, by=g.provider)
    db.session.commit()
    flash(
        f"{len(ready)} diensten ingediend. U krijgt een bevestiging per e-mail.",
        "success",
    )
    return redirect(url_for(".overview"))


@bp.post("/diensten/<int:service_id>/intrekken")
def withdraw(service_id):
    service = own_service(service_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.withdraw_service(service, by=g.provider)
    db.session.commit()
    flash(f"‘{service.name}’ is ingetrokken.", "success")
    return redirect(url_for(".overview"))
