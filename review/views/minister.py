"""The minister's office: approve the list, excluding services with a reason."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for

from review.forms import ApprovalForm, entry_item, texts_by_item
from review.lists import advice_on, approve_list, latest_version
from webform import messages
from webform.access import link_required
from webform.extensions import csrf, db
from webform.models import LinkPurpose

bp = Blueprint("minister", __name__, url_prefix="/kabinet")


@bp.before_request
@link_required(LinkPurpose.approval)
def load_office():
    g.staff = g.link.staff
    g.version = latest_version(g.link.round)
    if g.version is None or g.version.submitted_at is None:
        abort(404)


def approval_form(version):
    form = ApprovalForm()
    if form.is_submitted():
        return form
    for item in version.items:
        if item.is_eligible:
            form.exclusions.append_entry({"item_id": item.id, "reason": ""})
    return form


@bp.route("/", methods=["GET", "POST"])
@csrf.exempt  # the form checks its token and keeps what was typed
def approve():
    version = g.version
    form = approval_form(version)
    items = {item.id: item for item in version.items if item.is_eligible}
    if form.validate_on_submit():
        exclusions = texts_by_item(form.exclusions, items, "reason")
        approve_list(version, exclusions=exclusions, by=g.staff)
        db.session.commit()
        flash(messages.LIST_APPROVED, "success")
        return redirect(url_for(".approve"))

    rows = [(entry_item(entry, items), entry) for entry in form.exclusions]
    ineligible = [item for item in version.items if not item.is_eligible]
    if form.has_expired:
        flash(messages.FORM_EXPIRED_KEPT, "error")
    return render_template(
        "minister/approve.html",
        version=version,
        form=form,
        rows=rows,
        ineligible=ineligible,
        advices=advice_on(version),
    )
