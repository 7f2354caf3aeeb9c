"""`flask --app webform mail …`: the outbox for administrators."""

import click
from flask.cli import AppGroup

from notify import admin
from notify.models import MailState, OutboxMessage
from notify.sender import mask_tokens
from webform import clock
from webform.cli_errors import Refused
from webform.extensions import db

mail_group = AppGroup("mail", help="De uitgaande post.")
STATES = click.Choice([state.name for state in MailState])


def line(row):
    created = clock.format_local(row.created_at)
    error = f"  [{row.last_error}]" if row.last_error else ""
    return (
        f"{row.id:>6}  {row.state.label:<12} {created}  "
        f"{row.recipient}  {row.subject}{error}"
    )


@mail_group.command("list")
@click.option("--state", type=STATES, help="Alleen berichten in deze toestand.")
@click.option("--limit", default=50, show_default=True)
def list_command(state, limit):
    """Toon de berichten, nieuwste eerst."""
    chosen = MailState[state] if state else None
    rows = admin.messages(db.session, chosen, limit)
    if not rows:
        click.echo("Geen berichten.")
    for row in rows:
        click.echo(line(row))


@mail_group.command("show")
@click.argument("message_id", type=int)
def show_command(message_id):
    """Toon één bericht zoals het verstuurd wordt (persoonlijke links verborgen)."""
    row = db.session.get(OutboxMessage, message_id)
    if row is None:
        raise Refused(f"Er is geen bericht {message_id}.")
    click.echo(f"Message-ID: {row.message_id}")
    click.echo(f"Aan: {row.recipient_name} <{row.recipient}>")
    click.echo(f"Onderwerp: {row.subject}")
    tries = "poging" if row.attempts == 1 else "pogingen"
    click.echo(f"Toestand: {row.state.label}, {row.attempts} {tries}")
    if row.sent_at:
        click.echo(f"Verzonden: {clock.format_local(row.sent_at)}")
    if row.last_error:
        click.echo(f"Antwoord van de server: {row.last_error}")
    click.echo("")
    click.echo(mask_tokens(row.body_text))


@mail_group.command("retry")
@click.argument("message_ids", type=int, nargs=-1)
def retry_command(message_ids):
    """Zet mislukte berichten opnieuw in de wachtrij (alle, of de opgegeven)."""
    rows = admin.retry(db.session, message_ids)
    db.session.commit()
    if not rows:
        click.echo(
            "Geen mislukte berichten gevonden. Alleen mislukte berichten kunnen "
            "opnieuw; verzonden, onbestelbare en vervallen niet."
        )
        return
    noun = "bericht staat" if len(rows) == 1 else "berichten staan"
    click.echo(f"{len(rows)} {noun} opnieuw in de wachtrij.")


@mail_group.command("stats")
@click.option("--days", default=30, show_default=True)
def stats_command(days):
    """Tel de verzonden berichten per dag."""
    counts = admin.sent_per_day(db.session, days)
    if not counts:
        click.echo("Geen verzonden berichten.")
    for day, count in counts:
        click.echo(f"{day:%d/%m/%Y}  {count}")


@mail_group.command("flagged")
def flagged_command():
    """Toon de adressen waarvan mail onbestelbaar terugkwam."""
    flags = admin.flagged_addresses(db.session)
    if not flags:
        click.echo("Geen onbestelbare adressen.")
    for flag in flags:
        flagged = clock.format_local(flag.flagged_at)
        click.echo(
            f"{flagged}  {flag.address}  bericht {flag.message_id}  {flag.reason}"
        )
