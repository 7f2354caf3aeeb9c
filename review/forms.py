"""Forms of reviewers, chamber members and the minister's office."""

from wtforms import (
    FieldList,
    FormField,
    HiddenField,
    RadioField,
    SelectChoice,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from webform.forms import DutchForm
from webform.models import ServiceState
from webform.text import strip

LIMIT = "Gebruik hoogstens {} tekens."


class VerdictForm(DutchForm):
    verdict = RadioField(
        "Beoordeling",
        choices=[
            SelectChoice(ServiceState.eligible.name, "Komt in aanmerking"),
            SelectChoice(ServiceState.ineligible.name, "Komt niet in aanmerking"),
        ],
        validators=[InputRequired("Kies of de dienst in aanmerking komt.")],
    )
    motivation = TextAreaField(
        "Motivering",
        [
            DataRequired("Vul een motivering in."),
            Length(max=4000, message=LIMIT.format(4000)),
        ],
        filters=[strip],
        description=(
            "Bij een weigering leest de dienstverlener deze motivering in de "
            "beslissing."
        ),
    )


class RemarkForm(DutchForm):
    class Meta:
        csrf = False

    item_id = HiddenField()
    remark = TextAreaField(
        "Opmerking (niet verplicht)",
        [Optional(), Length(max=2000, message=LIMIT.format(2000))],
        filters=[strip],
    )


class AdviceForm(DutchForm):
    overall = TextAreaField(
        "Algemeen advies over de voorgestelde lijst",
        [
            DataRequired("Vul uw algemeen advies in."),
            Length(max=8000, message=LIMIT.format(8000)),
        ],
        filters=[strip],
    )
    remarks = FieldList(FormField(RemarkForm))


class ExclusionForm(DutchForm):
    class Meta:
        csrf = False

    item_id = HiddenField()
    reason = TextAreaField(
        "Reden van uitsluiting",
        [Optional(), Length(max=4000, message=LIMIT.format(4000))],
        filters=[strip],
        description="Laat leeg om de dienst goed te keuren.",
    )


class ApprovalForm(DutchForm):
    exclusions = FieldList(FormField(ExclusionForm))


def entry_item(entry, items):
    """The list item a repeated sub-form speaks of, or None if tampered with."""
    value = str(entry.item_id.data or "")
    return items.get(int(value)) if value.isdigit() else None


def texts_by_item(entries, items, field_name):
    """Map list item ids to the non-empty text typed in each sub-form."""
    texts = {}
    for entry in entries:
        item = entry_item(entry, items)
        text = (entry[field_name].data or "").strip()
        if item is not None and text:
            texts[item.id] = text
    return texts
