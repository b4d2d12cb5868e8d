from __future__ import annotations

from bot.answers import units_text, volume_text
from bot.domain.catalog import Category


def test_a_number_of_units_reads_in_the_tasks_own_words(catalog):
    transcription = catalog.task(Category.TRANSCRIPTION)
    assert units_text(transcription, 20, "en") == "20 hours of audio"
    assert units_text(transcription, 1, "en") == "1 hour of audio"
    assert units_text(transcription, 7.5, "en") == "7.5 hours of audio"
    assert units_text(transcription, 20, "ja") == "20時間"
    assert units_text(catalog.task(Category.TRANSLATION), 2500, "ja") == "2,500文字"
    unnamed = transcription.model_copy(update={"units": None})  # a tasks file without them
    assert (units_text(unnamed, 20, "en"), units_text(unnamed, 20, "ja")) == ("20 × hour of audio", "20件")


def test_a_volume_says_whether_it_is_the_askers_or_a_typical_one(catalog):
    proposals = catalog.task(Category.PROPOSALS)
    assert volume_text(proposals, 20, "en") == "20 proposals a month"
    assert volume_text(proposals, 20, "en", typical=True) == "a typical month: 20 proposals"
    assert volume_text(proposals, 20, "ja") == "月20件"
