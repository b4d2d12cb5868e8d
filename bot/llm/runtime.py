"""Importing LiteLLM the one safe way.

`import litellm` fetches a price map from the network unless told not to *before* the
import, and it costs about two seconds, so it is imported here, lazily, and only by the
paths that need a model.
"""

from __future__ import annotations

import logging
import os
import sys
from functools import cache
from types import ModuleType

QUIET_LOGGERS = ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy")
"""LiteLLM's loggers. At INFO, LiteLLM logs every call ("LiteLLM completion() model= …"), once
through its own handler and once through the root's: two lines of noise per question, and
the CPU to format and write them. Its warnings and errors still show; `LITELLM_LOG=INFO` (or
DEBUG) in the environment brings the rest back."""


def litellm(remote_cost_map: bool = False) -> ModuleType:
    """The litellm module, imported once, with its bundled price map unless the first caller asks otherwise.

    Only the import reads the choice: once imported, the map is the one that import loaded
    (a published map may be fetched again later: `cost_map.refresh`).
    """
    if "litellm" not in sys.modules and not remote_cost_map:
        os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    return _configured()


@cache
def _configured() -> ModuleType:
    import litellm as module

    module.suppress_debug_info = True
    module.telemetry = False
    # At import LiteLLM parses the Anthropic tokenizer's JSON into a dict, makes the string it
    # builds that tokenizer from out of it (utils.claude_json_str), and keeps the dict as well,
    # which nothing reads again: a sizeable share of every process's memory (docs/OPERATING.md, sizing).
    vars(module.utils).pop("json_data", None)
    if not os.environ.get("LITELLM_LOG"):
        for name in QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
    return module
