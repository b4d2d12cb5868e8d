from __future__ import annotations

from bot.domain.catalog import Category
from bot.text.answers import units_text, volume_text


def test_a_number_of_units_reads_in_the_tasks_own_words(catalog):
    transcription = catalog.task(Category.TRANSCRIPTION)
    assert units_text(transcription, 20, "en") == "20 hours of audio"
    assert units_text(transcription, 1, "en") == "1 hour of audio"
    assert units_text(transcription, 7.5, "en") == "7.5 hours of audio"
    assert units_text(transcription, 20, "ja") == "20時間"
    assert units_text(catalog.task(Category.TRANSLATION), 2500, "ja") == "2,500文字"
    unnamed = transcription.model_copy(update={"units": None})  # a tasks file without them
    assert (units_text(unnamed, 20, "en"), units_text(unnamed, 20, "ja")) == ("20 × hour of audio", "20件")


def test_a_task_knows_the_words_that_count_its_units(catalog):
    translation = catalog.task(Category.TRANSLATION)
    assert (
        translation.is_counted_by("characters") and translation.is_counted_by("文字") and translation.is_counted_by("")
    )
    assert not translation.is_counted_by("pages") and not translation.is_counted_by("件")
    proposals = catalog.task(Category.PROPOSALS)
    assert (
        proposals.is_counted_by("proposals") and proposals.is_counted_by("本") and not proposals.is_counted_by("pages")
    )
    assert catalog.task(Category.INQUIRY_CHATBOT).is_counted_by("customer inquiries")
    assert catalog.task(Category.INQUIRY_CHATBOT).is_counted_by("customer emails")  # its unit_words
    assert catalog.task(Category.IMAGES).is_counted_by("枚")


def test_a_volume_says_whether_it_is_the_askers_or_a_typical_one(catalog):
    proposals = catalog.task(Category.PROPOSALS)
    assert volume_text(proposals, 20, "en") == "20 proposals a month"
    assert volume_text(proposals, 20, "en", typical=True) == "a typical month: 20 proposals"
    assert volume_text(proposals, 20, "ja") == "月20件"
