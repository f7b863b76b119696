"""`kg eval` (placeholder until implemented)."""
import click


@click.command()
def eval_command() -> None:
    """Not implemented yet."""
    raise click.ClickException("kg eval is not implemented yet")
