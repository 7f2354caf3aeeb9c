"""The provider's webform and the forms shared by every actor."""

from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.meta import DefaultMeta
from wtforms.validators import Length, NumberRange, Optional, StopValidation

from webform.models import CRITERION_DESCRIPTIONS, Criterion
from webform.text import one_line, strip

REQUIRED_FOR_SUBMIT = {
    "name": "Vul de naam van de dienst in.",
    "description": "Vul een korte omschrijving in.",
    "target_group": "Vul de doelgroep in.",
    "criterion": "Kies de voorwaarde waaraan de dienst voldoet.",
}

EVIDENCE_FIELDS = {
    Criterion.shortage_occupation: {
        "occupation_id": "Kies het knelpuntberoep uit de lijst.",
    },
    Criterion.stem: {
        "stem_reference": (
            "Vul de gepubliceerde STEM-opleiding in (naam of link) of geef "
            "een verantwoording."
        ),
    },
    Criterion.future_shortage: {
        "prognosis_source": "Vul de bron van de prognose in.",
        "prognosis_year": "Vul het jaar van de prognose in.",
        "justification": "Leg uit hoe de dienst het tekort beantwoordt.",
    },
    Criterion.legal_certificate: {
        "certificate": "Vul het attest of certificaat in.",
        "legal_basis": "Vul de wettelijke basis in.",
    },
}


# The fields of a service a provider types as text or a number.
TYPED_FIELDS = (
    "name",
    "description",
    "target_group",
    "stem_reference",
    "prognosis_source",
    "prognosis_year",
    "justification",
    "certificate",
    "legal_basis",
)


def missing_fields(values):
    """Return {field: message} for what a submit still needs.

    `values` maps field names to typed values; `criterion` is a Criterion name.
    """
    required = dict(REQUIRED_FOR_SUBMIT)
    if values.get("criterion") in Criterion.__members__:
        required.update(EVIDENCE_FIELDS[Criterion[values["criterion"]]])
    return {
        name: message
        for name, message in required.items()
        if not has_value(values.get(name))
    }


def has_value(value):
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


class DutchForm(FlaskForm):
    """A form in Dutch. Views with typed text are exempt from the global CSRF
    check and let the form check it, so an expired form comes back filled in."""

    @property
    def has_expired(self):
        """True once for a form whose CSRF token failed; its error is cleared."""
        if not getattr(self, "csrf_token", None) or not self.csrf_token.errors:
            return False
        self.csrf_token.errors = []
        return True

    class Meta(DefaultMeta):
        locales = ("nl",)

        def get_translations(self, form):
            return DefaultMeta.get_translations(self, form)


def text(label, limit, **kwargs):
    message = f"Gebruik hoogstens {limit} tekens."
    validators = [Optional(), Length(max=limit, message=message)]
    return StringField(label, validators, filters=[one_line], **kwargs)


def area(label, limit, **kwargs):
    message = f"Gebruik hoogstens {limit} tekens."
    validators = [Optional(), Length(max=limit, message=message)]
    return TextAreaField(label, validators, filters=[strip], **kwargs)


class YearField(IntegerField):
    """A year: text that is no number gets one message, not one per check."""

    def pre_validate(self, form):
        # A blank field has a process error too; Optional() clears that one.
        if self.process_errors and has_value(self.raw_data[0]):
            raise StopValidation()


YEAR_MESSAGE = "Vul een jaar in tussen 2000 en 2100."


def criterion_choices():
    return [
        SelectChoice(
            criterion.name, f"{criterion.label}: {CRITERION_DESCRIPTIONS[criterion]}"
        )
        for criterion in Criterion
    ]


class ServiceForm(DutchForm):
    form_key = HiddenField()
    name = text("Naam van de dienst", 200)
    description = area(
        "Korte omschrijving",
        2000,
        description="Wat leren of krijgen de deelnemers? Hoogstens 2000 tekens.",
    )
    target_group = area("Doelgroep", 1000, description="Voor wie is de dienst bedoeld?")
    criterion = RadioField(
        "Voorwaarde", choices=criterion_choices(), validate_choice=False
    )
    occupation_id = SelectField(
        "Knelpuntberoep", coerce=int, validators=[Optional()], validate_choice=False
    )
    stem_reference = area(
        "Gepubliceerde STEM-opleiding of verantwoording",
        2000,
        description=(
            "De naam of link van de opleiding op onderwijskiezer waarmee de "
            "dienst overeenkomt, of een verantwoording."
        ),
    )
    prognosis_source = text(
        "Bron van de prognose", 500, description="Bijvoorbeeld een VLAMT-studie."
    )
    prognosis_year = YearField(
        "Jaar van de prognose",
        [Optional(), NumberRange(2000, 2100, YEAR_MESSAGE)],
        invalid_value_message=YEAR_MESSAGE,
    )
    justification = area("Verantwoording", 4000)
    certificate = text("Attest of certificaat", 500)
    legal_basis = area(
        "Wettelijke basis",
        2000,
        description="De wet of het besluit dat het attest vereist.",
    )
    save = SubmitField("Bewaren als concept")
    submit = SubmitField("Bewaren en indienen")

    def set_occupations(self, occupations):
        ordered = sorted(occupations, key=lambda o: (o.sector, o.name))
        self.occupation_id.choices = [SelectChoice(0, "— Kies een beroep —")] + [
            SelectChoice(o.id, o.name, optgroup=o.sector) for o in ordered
        ]
        self.known_occupations = {occupation.id for occupation in occupations}

    @property
    def wants_submit(self):
        return bool(self.submit.data)

    def validate(self, extra_validators=None):
        is_valid = super().validate(extra_validators)
        is_valid = self.check_choices() and is_valid
        if self.wants_submit:
            is_valid = self.check_complete() and is_valid
        elif not (self.name.data or "").strip():
            is_valid = self.require("name", REQUIRED_FOR_SUBMIT["name"])
        return is_valid

    def check_choices(self):
        is_valid = True
        if self.criterion.data and self.criterion.data not in Criterion.__members__:
            is_valid = self.require("criterion", "Kies een van de voorwaarden.")
        occupation = self.occupation_id.data
        if occupation and occupation not in self.known_occupations:
            is_valid = self.require("occupation_id", "Kies een beroep uit de lijst.")
        return is_valid

    def check_complete(self):
        missing = missing_fields({field.name: field.data for field in self})
        for field_name, message in missing.items():
            # A field that holds a wrong value already says what to type.
            if not self[field_name].errors:
                self.require(field_name, message)
        return not missing

    def require(self, field_name, message):
        field = self[field_name]
        if message not in field.errors:
            field.errors = [*field.errors, message]
        return False

    def evidence(self):
        """Return the typed values as keyword arguments for the service."""
        values = {name: self[name].data for name in TYPED_FIELDS}
        for name, value in values.items():
            if name != "prognosis_year":
                values[name] = value or ""  # a field left out of the post
        values["criterion"] = Criterion.__members__.get(self.criterion.data or "")
        values["occupation_id"] = self.occupation_id.data or None
        return values


class ConfirmForm(DutchForm):
    """A form with only a CSRF token and a button."""

    confirm = SubmitField("Bevestigen")
