"""Commands for administrators: `flask --app webform COMMAND`."""

import functools
from datetime import date
from importlib import resources

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from flask_migrate import upgrade

from notify import catcher
from notify.scheduler import run_due, run_forever
from review.lists import freeze_list, submit_list
from webform import rounds, staff
from webform.cli_errors import Refused
from webform.errors import UserError
from webform.extensions import db
from webform.imports import import_occupations, import_providers
from webform.jobs import JOBS
from webform.mail_cli import mail_group
from webform.models import StaffRole

round_group = AppGroup("round", help="Registratierondes.")
staff_group = AppGroup("staff", help="Medewerkers van het agentschap.")
list_group = AppGroup("list", help="De voorgestelde lijst.")
jobs_group = AppGroup("jobs", help="Geplande taken.")


def committing(command):
    """Commit after the command; turn a user error into a clear message."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            result = command(*args, **kwargs)
        except UserError as error:
            db.session.rollback()
            raise Refused(error.message) from None
        db.session.commit()
        return result

    return wrapper


def parse_date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("gebruik de vorm JJJJ-MM-DD") from None


def parse_days(ctx, param, value):
    try:
        days = sorted({int(part) for part in value.split(",")}, reverse=True)
    except ValueError:
        raise click.BadParameter("gebruik gehele getallen, zoals 14,7,2") from None
    if any(day < 1 for day in days):
        raise click.BadParameter("elke dag ligt minstens 1 dag voor de sluiting")
    return ",".join(str(day) for day in days)


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Breng de database naar het nieuwste schema."""
    upgrade(directory=current_app.extensions["migrate"].directory)
    click.echo("Database is bijgewerkt.")


@click.command("import-occupations")
@with_appcontext
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@committing
def import_occupations_command(path):
    """Laad de VDAB-lijst van knelpuntberoepen uit een CSV-bestand."""
    added, known = import_occupations(path)
    click.echo(f"{added} beroepen toegevoegd, {known} waren al bekend.")


@click.command("import-providers")
@with_appcontext
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@committing
def import_providers_command(path):
    """Laad dienstverleners uit een CSV-bestand."""
    added, updated = import_providers(path)
    click.echo(f"{added} dienstverleners toegevoegd, {updated} bijgewerkt.")


@round_group.command("create")
@click.option("--year", type=int, required=True)
@click.option("--opens", required=True, callback=parse_date, help="JJJJ-MM-DD")
@click.option("--closes", required=True, callback=parse_date, help="JJJJ-MM-DD")
@click.option("--review-deadline", callback=parse_date, help="JJJJ-MM-DD")
@click.option("--advice-deadline", callback=parse_date, help="JJJJ-MM-DD")
@click.option(
    "--provider-reminder-days",
    default="14,7,2",
    show_default=True,
    callback=parse_days,
    help="Dagen voor de sluiting waarop dienstverleners een herinnering krijgen.",
)
@click.option(
    "--reviewer-reminder-every",
    default=2,
    show_default=True,
    type=click.IntRange(1, 20),
    help="Werkdagen tussen twee herinneringen aan een beoordelaar.",
)
@click.option(
    "--chamber-reminder-before",
    default=2,
    show_default=True,
    type=click.IntRange(0, 20),
    help="Werkdagen voor de adviestermijn waarop de kwaliteitskamer herinnerd wordt.",
)
@committing
def create_round_command(year, opens, closes, **settings):
    """Maak een ronde; ze sluit op het einde van de sluitingsdag (Brussel)."""
    round_ = rounds.create_round(year, opens, closes, by=None, **settings)
    click.echo(f"Ronde {round_.year} gemaakt (id {round_.id}).")


@round_group.command("close")
@committing
def close_round_command():
    """Sluit de huidige ronde nu."""
    round_ = rounds.require_current_round()
    rounds.close_round(round_, by=None)
    click.echo(f"Ronde {round_.year} is gesloten.")


@staff_group.command("add")
@click.option("--role", required=True, type=click.Choice([r.name for r in StaffRole]))
@click.option("--name", required=True)
@click.option("--email", required=True)
@committing
def add_staff_command(role, name, email):
    """Voeg een medewerker toe."""
    member = staff.add_staff(StaffRole[role], name=name, email=email)
    click.echo(f"{member.role.label} {member.name} toegevoegd (id {member.id}).")


@list_group.command("freeze")
@committing
def freeze_list_command():
    """Leg de voorgestelde lijst vast en vraag de kwaliteitskamer om advies."""
    version = freeze_list(rounds.require_current_round(), by=None)
    click.echo(f"Lijst vastgelegd met {len(version.items)} diensten.")


@list_group.command("submit")
@click.option(
    "--without-all-advice",
    is_flag=True,
    help="Ook als nog niet elk lid van de kwaliteitskamer advies gaf.",
)
@committing
def submit_list_command(without_all_advice):
    """Stuur de vastgelegde lijst ter goedkeuring naar de minister."""
    round_ = rounds.require_current_round()
    submit_list(round_, by=None, without_all_advice=without_all_advice)
    click.echo("Lijst ter goedkeuring verstuurd.")


@jobs_group.command("run-due")
def run_due_command():
    """Voer elke geplande taak die nu aan de beurt is één keer uit."""
    failed = run_due(current_app._get_current_object(), JOBS)
    if failed:
        raise Refused(f"Deze taken mislukten: {', '.join(failed)}.")


@click.command("scheduler")
@with_appcontext
def scheduler_command():
    """Voer de geplande taken uit volgens hun schema, tot u stopt."""
    run_forever(current_app._get_current_object(), JOBS)


@click.command("mailcatcher")
@with_appcontext
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=8025, type=int)
def mailcatcher_command(host, port):
    """Vang lokaal alle mail op (alleen voor ontwikkeling)."""
    catcher.serve(current_app.config["MAIL_CATCHER_DIR"], host, port)


@click.command("demo-setup")
@with_appcontext
@committing
def demo_setup_command():
    """Laad de referentiegegevens en open een demoronde als er nog geen is."""
    data = resources.files("webform") / "data"
    import_occupations(str(data / "knelpuntberoepen-2026.csv"))
    import_providers(str(data / "providers-sample.csv"))
    if rounds.current_round() is None:
        round_ = staff.create_demo_round()
        click.echo(f"Demoronde {round_.year} geopend.")
    click.echo("Referentiegegevens geladen.")


def register(app):
    for command in (
        init_db_command,
        import_occupations_command,
        import_providers_command,
        scheduler_command,
        mailcatcher_command,
        demo_setup_command,
    ):
        app.cli.add_command(command)
    for group in (round_group, staff_group, list_group, jobs_group, mail_group):
        app.cli.add_command(group)
