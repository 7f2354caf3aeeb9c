"""Dutch wording shared by several screens."""

ADVICE_SAVED = (
    "Uw advies is bewaard. U kunt het wijzigen tot de lijst naar de minister gaat."
)
LIST_APPROVED = (
    "De lijst is goedgekeurd. Elke dienstverlener krijgt de beslissing per e-mail."
)
CONFIRMATION = "U krijgt een bevestiging per e-mail."
ROUND_CLOSED = (
    "De registratieronde is gesloten. U kunt geen diensten meer toevoegen, "
    "wijzigen of indienen."
)
ROUND_CLOSED_NOT_SAVED = (
    "De registratieronde is gesloten: wat u hieronder typte, is niet bewaard. "
    "U kunt het nog kopiëren."
)
ALREADY_SAVED = (
    "Dit formulier was al bewaard; er is geen tweede dienst gemaakt. "
    "U vindt de dienst hieronder."
)
NOTHING_READY = "Er waren geen volledige concepten meer om in te dienen."
ALREADY_ASSESSED = (
    "U beoordeelde deze dienst al; uw beoordeling staat hieronder. "
    "Er is niets gewijzigd."
)
ALREADY_WITHDRAWN = "Deze dienst was al ingetrokken."
NOT_SAVED_ALREADY_SUBMITTED = (
    "Deze dienst is al ingediend en wijzigt niet meer. Wat u hieronder typte, "
    "is niet bewaard: trek de dienst in en dien een nieuwe in als u iets wilt "
    "aanpassen."
)
FORM_EXPIRED_KEPT = (
    "Het formulier was verlopen, zodat niets bewaard is. Wat u typte, staat "
    "hieronder nog: controleer het en verstuur het opnieuw."
)
