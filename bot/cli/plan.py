"""`advisor plan` and `advisor profile …`: where the company should start, and the stored profile it starts from."""

from __future__ import annotations

import click

from bot.cli.support import invalid, load_workspace_advisor, print_json, read_structured
from bot.cli.workspace import WORKSPACE_HELP


def _load_profile(path: str):
    from pydantic import ValidationError

    from bot.domain.plan import CompanyProfile

    data = read_structured(path)
    try:
        return CompanyProfile.model_validate(data)
    except ValidationError as error:
        raise invalid(f"profile {path}", error) from None


@click.command()
@click.option(
    "--profile", "profile_file", metavar="FILE", help="A company profile (YAML or JSON); default: the stored one."
)
@click.option("--language", type=click.Choice(["en", "ja"]), default=None)
@click.option("--workspace", default=None, help=WORKSPACE_HELP)
@click.option("--json", "as_json", is_flag=True)
def plan(profile_file: str | None, language: str | None, workspace: str | None, as_json: bool) -> None:
    """Rank the company's tasks by what AI saves, and say where to start (for the workspace's stored profile)."""
    advisor, _ = load_workspace_advisor(workspace, named=False)
    profile = _load_profile(profile_file) if profile_file else None
    adoption = advisor.plan(profile=profile, language=language)
    if as_json:
        print_json(adoption.model_dump(mode="json"))
        return
    from bot.text.answers import plan_answer

    click.echo(plan_answer(adoption, advisor.rate, language or adoption.language))


@click.group()
def profile() -> None:
    """The stored company profile that `plan` and the chat use."""


@profile.command("set")
@click.argument("path")
@click.option("--workspace", default=None, help=WORKSPACE_HELP)
def profile_set(path: str, workspace: str | None) -> None:
    """Store a company profile from a YAML or JSON file ('-' reads stdin)."""
    company = _load_profile(path)
    advisor, resolved = load_workspace_advisor(workspace)
    advisor.profiles.save(resolved.id, company, updated_by="cli")
    click.echo(
        f"saved the profile of {company.name or 'the company'} ({len(company.tasks)} tasks) "
        f"for workspace {resolved.label}"
    )


@profile.command("show")
@click.option("--workspace", default=None, help=WORKSPACE_HELP)
@click.option("--json", "as_json", is_flag=True, help="The profile as JSON (the workspace is named on stderr).")
def profile_show(workspace: str | None, as_json: bool) -> None:
    """Print the stored company profile, in the form `profile set` reads."""
    advisor, resolved = load_workspace_advisor(workspace)
    company = advisor.profiles.get(resolved.id)
    if company is None:
        raise click.ClickException(
            f"no profile stored for workspace {resolved.label}; save one with `advisor profile set FILE`"
        )
    if as_json:
        click.echo(f"workspace {resolved.label}", err=True)
        print_json(company.model_dump(mode="json"))
    else:
        import yaml

        click.echo(f"# the company profile of workspace {resolved.label}")
        click.echo(yaml.safe_dump(company.model_dump(mode="json"), allow_unicode=True, sort_keys=False), nl=False)
