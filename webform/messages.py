"""Dutch wording shared by several screens."""

ADVICE_SAVED = (
    "Uw advies is bewaard. U kunt het wijzigen tot de lijst naar de minister gaat."
)
LIST_APPROVED = (
    "De lijst is goedgekeurd. Elke dienstverlener krijgt de beslissing per e-mail."
)
CONFIRMATION_FOLLOWS = "U krijgt een bevestiging per e-mail."
