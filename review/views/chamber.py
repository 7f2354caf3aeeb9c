"""Chamber members: advice on the proposed list."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for

from review.forms import AdviceForm, entry_item, texts_by_item
from review.lists import advice_of, latest_version, record_advice
from webform import messages
from webform.access import link_required
from webform.extensions import csrf, db
from webform.models import LinkPurpose

bp = Blueprint("chamber", __name__, url_prefix="/kwaliteitskamer")


@bp.before_request
@link_required(LinkPurpose.advice)
def load_member():
    g.staff = g.link.staff
    g.version = latest_version(g.link.round)
    if g.version is None:
        abort(404)


def advice_form(version, advice):
    form = AdviceForm()
    if form.is_submitted():
        return form
    form.overall.data = advice.overall if advice else ""
    remarks = {r.list_item_id: r.remark for r in advice.remarks} if advice else {}
    for item in version.items:
        remark = remarks.get(item.id, "")
        form.remarks.append_entry({"item_id": item.id, "remark": remark})
    return form


@bp.route("/", methods=["GET", "POST"])
@csrf.exempt  # the form checks its token and keeps what was typed
def advise():
    advice = advice_of(g.version, g.staff)
    form = advice_form(g.version, advice)
    items = {item.id: item for item in g.version.items}
    if form.validate_on_submit():
        remarks = texts_by_item(form.remarks, items, "remark")
        overall = form.overall.data.strip()
        record_advice(g.version, overall=overall, remarks=remarks, by=g.staff)
        db.session.commit()
        flash(messages.ADVICE_SAVED, "success")
        return redirect(url_for(".advise"))

    rows = [(entry_item(entry, items), entry) for entry in form.remarks]
    if form.has_expired:
        flash(messages.FORM_EXPIRED_KEPT, "error")
    return render_template(
        "chamber/advise.html", version=g.version, form=form, rows=rows, advice=advice
    )
