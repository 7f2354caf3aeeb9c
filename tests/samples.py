"""The story several suites tell: the providers, their services and the staff.

Çelik offers trainings (DV.O100001) and advice (DV.A100002) from one mail
address; D'Hondt (DV.O100003) offers trainings.
"""

CELIK = "DV.O100001"
CELIK_ADVICE = "DV.A100002"
DHONDT = "DV.O100003"
CELIK_MAIL = "info@celik.example"
DHONDT_MAIL = "opleiding@dhondt.example"
PROVIDER_ROWS = [
    f"{CELIK},Çelik Lasopleidingen bv,{CELIK_MAIL}",
    f"{CELIK_ADVICE},Çelik Advies bv,{CELIK_MAIL}",
    f"{DHONDT},Opleidingen D'Hondt & Zonen,{DHONDT_MAIL}",
]
OCCUPATIONS = "webform/data/knelpuntberoepen-2026.csv"

BRAM = "bram@vlaio.example"
SOFIE = "sofie@vlaio.example"
KAREL = "karel@kamer.example"
LOTTE = "lotte@kamer.example"
MINISTER = "kabinet@minister.example"

LASSEN = {
    "name": "Lassen TIG voor beginners",
    "description": "Basistechnieken van het TIG-lassen op staal en inox.",
    "target_group": "Werknemers in de metaalsector zonder lasopleiding.",
    "criterion": "shortage_occupation",
}
CNC = {
    "name": "CNC-programmeren",
    "description": "Programmeren van CNC-freesmachines.",
    "target_group": "Operatoren in de maakindustrie.",
    "criterion": "stem",
    "stem_reference": "https://www.onderwijskiezer.be/cnc-programmeren",
}
ENERGIE = {
    "name": "Advies energietransitie in de bouw",
    "description": "Advies over de competenties voor warmtepompinstallaties.",
    "target_group": "Kmo's in de bouwsector.",
    "criterion": "future_shortage",
    "prognosis_source": "VLAMT-prognose bouw",
    "prognosis_year": "2025",
    "justification": "De prognose voorspelt een tekort aan installateurs.",
}
VCA = {
    "name": "Attest VCA-basis",
    "description": "Voorbereiding op het examen VCA-basisveiligheid.",
    "target_group": "Uitzendkrachten in de industrie.",
    "criterion": "legal_certificate",
    "certificate": "VCA-basisveiligheid",
    "legal_basis": "Codex over het welzijn op het werk, boek IX",
}
HEFTRUCK = {
    "name": "Heftruck veilig besturen",
    "description": "Praktijkopleiding heftruck met frontlader.",
    "target_group": "Magazijniers.",
    "criterion": "shortage_occupation",
}


def import_providers(cli, tmp_path, rows):
    """An administrator imports providers from a CSV file of these rows."""
    providers = tmp_path / "providers.csv"
    lines = ["registration_number,name,email", *rows]
    providers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cli("import-providers", providers)


def create_round(cli, year, opens, closes, *options):
    """An administrator creates a round; dates as YYYY-MM-DD or dates."""
    args = ("--year", year, "--opens", opens, "--closes", closes, *options)
    return cli("round", "create", *args)
