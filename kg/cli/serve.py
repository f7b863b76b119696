"""`kg serve` (placeholder until implemented)."""
import click


@click.command()
def serve_command() -> None:
    """Not implemented yet."""
    raise click.ClickException("kg serve is not implemented yet")
