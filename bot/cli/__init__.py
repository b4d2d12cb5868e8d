"""The `advisor` command: the terminal adapter over the advisor service, one module per command group.

- `asking`: `ask`, `route`, `models` and `chat` (the terminal chat);
- `calculator`: `calc`;  `catalog`: `catalog list|show|validate`;  `database`: `db upgrade`;
- `prices`: `prices check` (the vendors' pricing pages read again);  `budget`: `budget …` and `usage`;  `plan`: `plan` and `profile …`;  `inventory`: `inventory` and `inventory update`;
- `serve`: `start`, `serve` and `clock` (Slack, and the monthly inventory post);
- `support` and `workspace`: what the commands share (settings, the advisor, JSON output, `--workspace`).

Every command that prints data takes `--json`. Imports of anything heavy happen inside
the commands, so that `advisor calc` starts in a fraction of a second.
"""

from __future__ import annotations

import click

from bot.cli.asking import ask, chat, models, route
from bot.cli.budget import budget, usage
from bot.cli.calculator import calc
from bot.cli.catalog import catalog
from bot.cli.database import db
from bot.cli.inventory import inventory
from bot.cli.plan import plan, profile
from bot.cli.prices import prices
from bot.cli.serve import clock, serve, start


@click.group()
@click.version_option(package_name="ai-adoption-advisor")
def main() -> None:
    """AI Adoption Advisor: cheap, off-the-shelf AI where it pays."""


for command in (
    ask,
    route,
    models,
    chat,
    calc,
    catalog,
    db,
    budget,
    usage,
    plan,
    profile,
    inventory,
    prices,
    serve,
    start,
    clock,
):
    main.add_command(command)

if __name__ == "__main__":
    main()
