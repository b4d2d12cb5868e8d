"""The monthly inventory in Block Kit: a header, the report's sections, and where prices come from."""

from __future__ import annotations

from typing import Any

from bot.domain.catalog import Catalog
from bot.domain.inventory import Inventory
from bot.domain.messages import say
from bot.slack.blocks import (
    MESSAGE_BLOCK_LIMIT,
    context_block,
    header_block,
    section_blocks,
)
from bot.slack.mrkdwn import escape, preview
from bot.text.inventory import inventory_text, inventory_title


def inventory_message(inventory: Inventory, catalog: Catalog, language: str) -> dict[str, Any]:
    title = inventory_title(inventory, language)
    body = section_blocks(escape(inventory_text(inventory, catalog, language)))
    note = context_block(
        say(
            language,
            "Prices from the catalog's dated history and the prices admins recorded (`/ai-inventory update`) · 0 tokens",
        )
    )
    blocks = [*[header_block(title), *body][: MESSAGE_BLOCK_LIMIT - 1], note]
    return {"text": preview(f"{title}: {inventory.suggestion}", 300), "blocks": blocks}
