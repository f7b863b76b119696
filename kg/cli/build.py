"""`kg build` (placeholder until implemented)."""
import click


@click.command()
def build_command() -> None:
    """Not implemented yet."""
    raise click.ClickException("kg build is not implemented yet")
