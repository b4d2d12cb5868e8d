"""Importing LiteLLM the one safe way.

`import litellm` fetches a price map from the network unless told not to *before* the
import, and it costs about two seconds, so it is imported here, lazily, and only by the
paths that need a model.
"""

from __future__ import annotations

import os
from functools import cache
from types import ModuleType


@cache
def litellm(remote_cost_map: bool = False) -> ModuleType:
    """The litellm module, imported once, with its bundled price map unless asked otherwise."""
    if not remote_cost_map:
        os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    import litellm as module

    module.suppress_debug_info = True
    module.telemetry = False
    return module
