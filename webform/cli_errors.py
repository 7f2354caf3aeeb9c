"""How a command tells an administrator it refuses."""

import click


class Refused(click.ClickException):  # noqa: N818 (reads as what the user sees)
    """A refusal, shown in Dutch without click's English "Error:" prefix."""

    def show(self, file=None):
        click.echo(f"Geweigerd: {self.format_message()}", file=file, err=True)
