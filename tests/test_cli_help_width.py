"""Every `kg` command's --help fits an 80-column terminal (wide characters count as two)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import display_width


@pytest.mark.parametrize("command", [[], ["build"], ["query"], ["eval"], ["serve"], ["viz"]])
@pytest.mark.parametrize("columns", ["80", "200"])
def test_cli_help_fits_80_columns(command, columns):
    # click wraps option text to the terminal (at most 80 columns); the examples are ours
    result = CliRunner(env={"COLUMNS": columns}).invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    too_wide = [line for line in result.output.splitlines() if display_width(line) > 80]
    assert too_wide == []
