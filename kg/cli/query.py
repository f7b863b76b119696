"""`kg query` (placeholder until implemented)."""
import click


@click.command()
def query_command() -> None:
    """Not implemented yet."""
    raise click.ClickException("kg query is not implemented yet")
