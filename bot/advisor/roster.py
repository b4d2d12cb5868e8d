"""The configured models as the advisor uses them on a given day.

The models file is read (and LiteLLM's map with it) once per process, or again after the
map was refreshed; which of its models a question may go to is decided each time, on the
day it is asked, so a model that retires while the process runs is no longer chosen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property

from bot.domain.long_view import ModelPrice, model_prices, to_replace
from bot.domain.routing import ModelSpec
from bot.domain.schedule import local_day
from bot.llm.models import ModelFileError, ModelSetup, load_models
from bot.settings import Settings
from bot.store.questions import utc_now
from bot.text.models_text import retirement_line


class Roster:
    def __init__(self, settings: Settings, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.settings = settings
        self._clock = clock

    @cached_property
    def setup(self) -> ModelSetup:
        """The models that can be called (their keys set); LiteLLM is imported only if one can."""
        return self._load(look_up_all=False)

    @cached_property
    def everything(self) -> ModelSetup:
        """Every model in the file priced and dated from the map, whether or not its key is set."""
        return self._load(look_up_all=True)

    def _load(self, look_up_all: bool) -> ModelSetup:
        try:
            return load_models(self.settings, look_up_all=look_up_all)
        except ModelFileError as error:
            return ModelSetup(problems=[str(error)])

    def reload(self) -> None:
        """Read the models file and the cost map again (after the map was refreshed)."""
        for name in ("setup", "everything"):
            vars(self).pop(name, None)

    def today(self) -> dt.date:
        """The day in the workspace's time zone: a model is shut down from its retirement day on."""
        return local_day(self._clock(), self.settings.tz)

    def candidates(self) -> list[ModelSpec]:
        """The models a question may go to today: usable, and not retired."""
        return self.setup.candidates(self.today())

    def prices(self, look_up_all: bool = False) -> list[ModelPrice]:
        """The priced models with their status today: those that can be called, or with `look_up_all` every one."""
        setup = self.everything if look_up_all else self.setup
        return model_prices(setup.lives, self.today())

    def retiring(self, look_up_all: bool = False) -> list[ModelPrice]:
        """The models (as `prices` gives them) that are retired or retire within 60 days, soonest first."""
        return to_replace(self.prices(look_up_all))

    def warnings(self, language: str = "en") -> list[str]:
        """A line for each model that can be called and is retired or retiring (for the log at start-up)."""
        return [retirement_line(model, self.today(), language) for model in self.retiring()]
