"""The time with AI given other than as a time: a share of today's ("cuts it in half", 「7割削減」, "30% off",
"down to a third"), asked when no words tie it to the time, or a bare number in today's unit ("5h -> 1")."""

from __future__ import annotations

import re

from bot.domain.messages import say
from bot.domain.quantities.model import LANGUAGES, Reading, Unclear, add_item, choice, overlaps, replaced
from bot.domain.quantities.words import NUMBER, PERCENT

_HALF = re.compile(
    r"(?<![a-z])(?:in half|by half|halve[sd]?)(?![a-z])|半分|半減"
    r"|(?<![a-z])(?:maybe|probably|perhaps|roughly|about|around|just|only|takes?|to)\s++half(?![a-z])"
    r"(?!\s++(?:of|our|the|an?|my|their|its|this|that)(?![a-z]))"
)
""""cut it in half", 「半分」, "with AI maybe half": the time with AI is half of today's ("half our team" is not)."""
_BARE_AFTER = re.compile(
    rf"(?:->|→|=>|⇒|(?<![a-z])(?:to|down to|only|just|make (?:it|that)|makes (?:it|that)|get (?:it|that) to|bring (?:it|that) to|do it in|in just|in only)(?![a-z]))\s*+(?:~|about\s++|around\s++)?(?P<a>{NUMBER})(?![0-9]|\.[0-9]|\s*+(?:%|[a-z]*\s*+(?:a|per|/)\s*+(?:day|week|month|year)))"
    rf"|(?P<b>{NUMBER})\s*+(?=with ai|using ai|with the tool|on ai|aiで|で済|に(?:なる|なり|短縮|減))"
    rf"|(?<![a-z])(?:with ai|using ai|ai would|ai could|ai might)[^\d.。!?;]{{0,32}}?(?:be|maybe|about|around|roughly|perhaps)\s++"
    rf"(?P<c>{NUMBER})(?![0-9]|\.[0-9]|\s*+(?:%|[a-z]))"
    rf"|(?<![a-z])ai (?:says|said|estimates?|reckons?)\s*+(?:about|around|~)?\s*+"
    rf"(?P<d>{NUMBER})(?![0-9]|\.[0-9]|\s*+(?:%|[a-z]))"
    rf"|(?:^|[,.;(、。\n\-•]|(?<![a-z])and)\s*+(?:with\s++)?ai\s*+(?::|=)?\s*+(?:about|around|~)?\s*+"
    rf"(?P<e>{NUMBER})(?![0-9]|\.[0-9]|\s*+(?:%|[a-z]))"
    rf"|(?<![a-z])(?:ai|chatgpt|copilot|gemini|claude)(?:[\s\-]++[a-z']+){{0,5}}?\s++(?:maybe|perhaps|probably|about|around"
    rf"|roughly|be|to|make (?:it|that)|get (?:it|that) (?:down )?to)\s*+~?\s*+(?P<f>{NUMBER})(?![0-9]|\.[0-9]|\s*+(?:%|[a-z]))"
)
""""→ 10", "10 with AI", "AI would be about 10", ", AI 10", "AI-assisted maybe 4": a bare number for the time with AI."""


def read_bare_time_after(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    """ "30 minutes each, 10 with AI", "5h -> 1": a bare number for the time with AI, in the unit of today's."""
    if reading.minutes_before is None or reading.minutes_after is not None:
        return
    for match in _BARE_AFTER.finditer(text):
        group = next(name for name in "abcdef" if match[name])
        number = match[group]
        start = match.start(group)
        if overlaps(start, start + len(number), taken):
            continue
        scale = 60 if reading.before_in_hours else 1
        reading.minutes_after = float(number) * scale
        if reading.minutes_after >= reading.minutes_before:
            reading.minutes_after = None
            continue
        reading.minutes.append(reading.minutes_after)
        add_item(reading, number, "minutes_after", reading.minutes_after, "minutes (in the unit of today's time)")
        taken.append((start, start + len(number)))
        return


_REDUCED = re.compile(
    r"less|faster|quicker|shorter|reduc|cut|sav|trim|shave|(?<![a-z])(?:off|down|lower)(?![a-z])"
    r"|削減|短縮|減|カット|浮|楽|効率"
)


_FRACTION = re.compile(
    r"(?P<n>[0-9]+)/(?P<d>[0-9]+)(?![0-9])|(?<![a-z])(?P<w>a third|one third|two thirds|a quarter|three quarters)(?![a-z])"
)
_FRACTION_WORDS = {
    "a third": 1 / 3,
    "one third": 1 / 3,
    "two thirds": 2 / 3,
    "a quarter": 1 / 4,
    "three quarters": 3 / 4,
}
_TO_A_SHARE = re.compile(
    r"(?:(?<![a-z])(?:to|down to|only)\s*+$)|^\s*+(?:of (?:today's|the time|that)|(?:の時間|の作業時間)?に(?:なる|なっ|なり|短縮|減)|まで|程度に|くらいに)"
)
"""Words that make a share the time with AI itself ("down to a third", 「3分の1になる」), not the time saved."""


def _percent(match: re.Match[str]) -> float:
    """A PERCENT match as a share: "30%" and 「3割」 are 0.3 ("50-70%" is 0.6, its middle)."""
    return sum(_percents(match)) / 2


def _percents(match: re.Match[str]) -> tuple[float, float]:
    """A PERCENT match's ends as shares: "50-70%" is (0.5, 0.7), "30%" (0.3, 0.3)."""
    scale = (10 if match[0].endswith("割") else 1) / 100
    high = float(match["n"]) * scale
    return (float(match["lo"]) * scale if match["lo"] else high), high


def read_shares(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    """ "cuts it in half", 「7割削減」, "70% faster", "save a third", 「3分の1になる」: the time with AI as a share of today's."""
    if reading.minutes_before is None or reading.minutes_after is not None:
        return
    if half := _HALF.search(text):
        reading.minutes_after, reading.after_share = reading.minutes_before / 2, 0.5
        add_item(reading, half[0], "minutes_after", reading.minutes_after, "minutes (half)")
        return
    shares = [
        (match, _FRACTION_WORDS[match["w"]] if match["w"] else int(match["n"]) / max(int(match["d"]), 1))
        for match in _FRACTION.finditer(text)
    ]
    shares += [(match, _percent(match)) for match in PERCENT.finditer(text)]
    for match, share in shares:
        before, after = text[max(0, match.start() - 24) : match.start()], text[match.end() : match.end() + 16]
        if not 0 < share < 1 or overlaps(match.start(), match.end(), taken):
            continue
        if _TO_A_SHARE.search(before):  # "cut that to a third", "down to 30%"
            kept = share
        elif _REDUCED.search(before):  # "save a third of that time"
            kept = 1 - share
        elif _TO_A_SHARE.match(after):  # 「3割に」
            kept = share
        elif _REDUCED.search(after[:12]):  # "30% off", 「3割削減」
            kept = 1 - share
        else:
            continue
        how = f"{kept:.0%} of today's" if kept == share else f"{share:.0%} less"
        reading.minutes_after, reading.after_share = round(reading.minutes_before * kept, 4), kept
        if match.re is PERCENT and match["lo"]:  # "cuts 50-70% of that time": the time with AI at both ends
            ends = [share_end if kept == share else 1 - share_end for share_end in _percents(match)]
            low, high = sorted(round(reading.minutes_before * end, 4) for end in ends)
            reading.ranges["minutes_after"], reading.after_share = (low, high), None
        add_item(reading, match[0], "minutes_after", reading.minutes_after, f"minutes ({how})")
        taken.append(match.span())
        return


def ask_about_a_share(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    """A share that could be the time with AI ("AI should take 30% of that") when no time with AI was read:
    asked, so that the time with AI is never the catalog's assumption while the question gave its own."""
    if reading.minutes_before is None or reading.minutes_after is not None:
        return
    match = next((match for match in PERCENT.finditer(text) if not overlaps(match.start(), match.end(), taken)), None)
    if match is None:
        return
    share = _percent(match)
    if not 0 < share < 1:
        return
    written, before = match[0].strip(), reading.minutes_before
    less, down_to = round(before * (1 - share), 1), round(before * share, 1)
    choices = (
        choice(
            (
                say(language, "{share} less time with AI ({minutes:g} minutes each)", share=written, minutes=less)
                for language in LANGUAGES
            ),
            replaced(text, *match.span(), f" {written} less "),
        ),
        choice(
            (
                say(
                    language,
                    "{share} of today's time with AI ({minutes:g} minutes each)",
                    share=written,
                    minutes=down_to,
                )
                for language in LANGUAGES
            ),
            replaced(text, *match.span(), f" down to {written} "),
        ),
        choice((say(language, "not about the time") for language in LANGUAGES), replaced(text, *match.span(), " ")),
    )
    reading.unclear.append(Unclear(written, match.start(), match.end(), choices, "stray"))
    taken.append(match.span())
