"""People: how many do the volume, and whether it is each one's or the team's ("3 staff each write 8 a week",
「営業が4人います。お礼メールが週に50通」); a company's size is not a volume's people."""

from __future__ import annotations

import re

from bot.domain.messages import say
from bot.domain.quantities.model import (
    LANGUAGES,
    Reading,
    Unclear,
    add_item,
    beside_the_volume,
    choice,
    overlaps,
)
from bot.domain.quantities.words import (
    COMPILED_FROM_EACH,
    NUMBER,
    PEOPLE_EN,
    PEOPLE_JA,
    SENTENCE_END,
    SITES,
    SITES_EN,
    SITES_JA,
)

_BETWEEN_WORDS = (
    r"for|of|to|in|at|on|per|by|a|an|the|and|or|with|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|times?"
)
"""Words that are no part of a name for people or shops ("7 minutes for staff" counts no staff)."""
_PEOPLE = re.compile(
    rf"(?P<a>{NUMBER})\s*+(?:(?:(?!(?:{_BETWEEN_WORDS})\s)[a-z\-]+\s++){{0,2}}(?:{PEOPLE_EN}|{SITES_EN})(?![a-z])|(?:{PEOPLE_JA}|{SITES_JA})(?!\s*+(?:あたり|当たり|につき|で(?!1日|1週|1[かヶカヵ]月)[0-9])))"
)
_EACH_PERSON = re.compile(
    rf"(?:{PEOPLE_EN}|{PEOPLE_JA}|ずつ)\s*+(?:が|は|で)?\s*+(?:each|それぞれ|各自|各々|ずつ|every one)"
    r"|(?<![a-z])each (?:of (?:our|the|us|them|my)(?: [0-9]+)?|person|staff|rep|employee|member|salesperson|writer|clerk|agent)(?![a-z])"
    r"|(?<![a-z])each (?:[a-z]+ ){1,2}(?:writes|does|handles|sends|makes|answers|fills|prepares"
    r"|creates|drafts|types|records|checks|processes|files|produces|reviews)(?![a-z])"
    r"|(?:,|and) each (?:writes|does|handles|sends|makes|answers|fills|prepares|creates|drafts|types|processes|files|produces)(?![a-z])"
    r"|(?<![a-z])(?:per (?:person|head|staff member|rep|employee|member)|pp)(?![a-z])"
    r"|それぞれ|各自|各々|一人(?:あたり|当たり|につき)|1人(?:あたり|当たり|につき)|ひとり(?:あたり|当たり|につき)|一人一人|1人1人"
    rf"|どの(?:店|店舗|拠点|支店|院|教室)も|(?<![a-z])(?:every one of them|all of them each)(?![a-z])"
    rf"|各(?:店|院|拠点|支店|教室|校|事業所|営業所|施設|現場)(?!{COMPILED_FROM_EACH})|店舗ごと|店ごと|拠点ごと|院ごと|(?<![a-z])(?:each|per|every) (?:store|shop|branch|location|office|clinic|site|salon|cafe)(?![a-z])"
)


_EACH_DOES = r"(?!(?:takes|costs|needs|lasts|is|was|has|does not|gets paid)(?![a-z]))[a-z]{3,}(?<!s)(?<=[a-z])s"
"""What each person does, said with any verb ("writes", "reconciles"); "each takes 15 minutes" is a time per item."""
_PEOPLE_BEFORE_EACH = re.compile(
    rf"(?P<a>{NUMBER})(?:\s++(?:[a-z\-]+\s++)?[a-z]+s|-person)(?![a-z])[^!?\d]{{0,60}}?(?<![a-z])each\s++"
    rf"(?:of us\s++|[a-z]+\s++)?{_EACH_DOES}(?![a-z])"
)
"""People named before "each … writes" whatever they are called: "6 architects. Each architect writes"."""
_UNIT_NOUNS = (
    r"(?:minutes?|mins?|hours?|hrs?|h|pages?|words?|characters?|chars?|yen|dollars?|items?|units?|times?|slides?"
    r"|lines?(?!\s++(?:leaders?|managers?|workers?|staff|supervisors?|operators?)(?![a-z]))"
    r"|days?|weeks?|months?|years?)(?![a-z])"
)
_PEOPLE_EACH = re.compile(
    rf"(?P<a>{NUMBER})\s++(?:of\s++(?:them|us)[),]\s*+|(?:of\s++(?:our|the|us|them|my)\s++)?"
    rf"(?!{_UNIT_NOUNS}|(?:of|these|those|them|it|and|or)(?![a-z]))(?:[a-z\-]+\s++){{0,2}}?[a-z\-]+(?:\)|,(?=\s++and\s))?\s++)"
    rf"(?:and\s++|who\s++)?each\s++"
    rf"(?!(?:day|weekday|week|month|quarter|year)s?(?![a-z]))"
    rf"(?!(?:one\s++)?(?:takes|taking|is|costs|costing|needs|lasts|requires|gets|has)(?![a-z]))(?=[a-z])"
    rf"|(?<![a-z])each\s++of\s++(?:our|the|my|us|them)\s++(?P<b>{NUMBER})(?=\s)"
)
""""2 of our staff each translate", "20 drivers and each files", "each of our 3 managers": people, each doing the volume."""
_COMPANY_SIZE_AFTER = re.compile(
    r"^\s*+(?:の会社|の事務所|の医院|の病院|の店|の企業|規模|-person|person (?:company|firm|office)|people (?:company|firm))"
)
_COMPANY_SIZE_BEFORE = re.compile(
    r"(?:we are|we're|we're a|company of|team of|firm of|office of|うちは|当社は|弊社は)\s*+(?:a|an|about|around|約)?\s*+$"
)
_TEAM_TOTAL = re.compile(
    r"(?<![a-z])(?:in total|altogether|total|combined|as a team|between (?:us|them)|across)(?![a-z])"
    r"|(?<![a-z])(?:split|shared|divided) (?:between|among)(?![a-z])"
    r"|(?<![a-z])(?:between|for|across) (?:both|all)(?: of (?:them|us))?(?![a-z])"
    r"|(?<![a-z])between (?:the )?(?:[0-9]+|two|three|four|five) of (?:us|them)(?![a-z])"
    r"|全体で|合計|合わせて|全員で|チームで|部署で|みんなで|で分担|で手分け|一括で|本部で|本社で|全店分|全店舗分"
    rf"|各(?:店|拠点|支店|院){COMPILED_FROM_EACH}"
    r"|(?<![a-z])(?:compile|consolidate|roll up|collect)[a-z]* [^.]{0,30}?(?:from|across) (?:all|each|every|our) "
    r"(?:[0-9]+ )?(?:stores?|shops?|branch(?:es)?|locations?|sites?)(?![a-z])"
)
CHOSEN_TOTAL = re.compile(r"\((?:in total|合計)\)")
"""What a reply choosing "the volume is the whole team's" adds to the question."""


def read_people(text: str, reading: Reading, taken: list[tuple[int, int]], *, once: bool = False) -> None:
    """People, and their volume when each of them does it: "3 staff each write 8 a week" is 24 a week.

    When the people and a volume are both given and nothing says whether the volume is each
    person's or the whole team's, that is asked.
    """
    each = next(
        (
            match
            for match in _PEOPLE_EACH.finditer(text)
            if not overlaps(match.start("a" if match["a"] else "b"), match.end("a" if match["a"] else "b"), taken)
        ),
        None,
    )
    if reading.volume is None:
        return  # people matter only for a volume (and the reader may yet find one each does once a period)
    # Of several people named ("40 teachers; of them, 2 in the office each answer…"), those where the volume is.
    named = [
        match
        for match in _PEOPLE.finditer(text)
        if not overlaps(match.start("a"), match.end("a"), taken)
        and not _company_size(text, match)
        and float(match["a"]) >= 2  # 「1名5分」 is the unit a time is given for
    ]
    outside = [match for match in named if not _in_brackets(text, match.start("a"))] or named
    found = each or next(
        (match for match in outside if beside_the_volume(text, match.start("a"), reading)),
        outside[0] if outside else None,
    )  # 「保育園（園児90名）…保育士が一人あたり…保育士は10人」: an aside in brackets describes the place
    if found is None and _EACH_PERSON.search(
        text
    ):  # "6 architects. Each architect writes", "a two-person shop … each of us"
        found = next(
            (
                match
                for match in _PEOPLE_BEFORE_EACH.finditer(text)
                if not overlaps(match.start("a"), match.end("a"), taken)
            ),
            None,
        )
        each = found
    for match in _PEOPLE.finditer(text):  # a company's size, or a second mention: not a volume
        if not overlaps(match.start("a"), match.end("a"), taken):
            taken.append((match.start("a"), match.end("a")))
    if found is None:
        _ask_how_many(text, reading)
        return
    group = "a" if found["a"] else "b"
    people = float(found[group])
    taken.append((found.start(group), found.end(group)))
    if people < 2 or reading.volume_is_recorded_hours:
        return
    reading.people = people
    reading.people_at = (found.start(group), found.end(group))
    written = text[found.start() : found.end()].strip()
    sites = SITES.search(written) is not None
    marker = each or _EACH_PERSON.search(text)
    if marker is not None and _PER_ONE_PERSON.fullmatch(marker[0]) and _counts_people_served(text, reading):
        marker = None  # 「お客様が年に120人…1人あたり2時間」: per customer counted, not each of the staff
    if marker is not None and (
        not reading.volume_is_hours
        or any(_in_the_volumes_clause(text, found.start(), reading) for found in _EACH_PERSON.finditer(text))
        or (each is not None and _in_the_volumes_clause(text, each.start(), reading))
        or _CHOSEN_EACH.search(text)
    ):
        reading.volume_per_person = reading.volume
        reading.scale_volume(people)
        add_item(reading, written, "people", people, "people, each doing the volume")
    elif (
        not _TEAM_TOTAL.search(text)
        and not _counts_people_served(text, reading)
        and _whose_to_ask(text, reading, found.start(group), sites, each_said=marker is not None, once=once)
    ):
        total, each_person = (
            (" (in total)", " (each person)") if re.search(r"[a-z]", written) else ("（合計）", "（それぞれ）")
        )
        reading.unclear.append(
            Unclear(
                written,
                found.start(group),
                found.end(group),
                (
                    choice(
                        (
                            say(language, "the volume is all of theirs together")
                            if sites
                            else say(language, "the volume is the whole team's")
                            for language in LANGUAGES
                        ),
                        text + total,
                    ),
                    choice(
                        (
                            say(language, "each of the {sites} does the volume", sites=written)
                            if sites
                            else say(language, "each of the {people:g} does the volume", people=people)
                            for language in LANGUAGES
                        ),
                        text + each_person,
                    ),
                ),
                "people",
            )
        )


_PEOPLE_ARE_THERE = re.compile(
    rf"(?:が|は)\s*+{NUMBER}\s*+(?:人|名)\s*+(?:います|いる|おります|おり|在籍)"
    rf"|(?<![a-z])(?:we have|we've got|there are|i have)\s++{NUMBER}\s"
)
"""A sentence that says who there are: 「営業が4人います」, "We have 4 reps"."""


def _whose_to_ask(text: str, reading: Reading, position: int, sites: bool, *, each_said: bool, once: bool) -> bool:
    """Whether the volume may be each one's or all of theirs: "each" said of other words than the hours ("Each
    manager does the rota, it's like 4 hours a week"), people named where the volume is, or shops (`sites`) in a
    business whose task is done once a period, a few times a period or counted in hours of work."""
    return (
        each_said
        or beside_the_volume(text, position, reading)
        or _said_next_to_the_volume(text, position, reading)
        or (
            (once or reading.volume == 1 or reading.volume_is_hours or reading.volume_words in ("回", "times"))
            and sites
        )
    )


def _said_next_to_the_volume(text: str, position: int, reading: Reading) -> bool:
    """「営業が4人います。お礼メールが週に50通」, "… 20 e-mails a day. We have 5 reps.": people said in a short
    sentence of their own right before or after the volume's sentence are the ones the volume may be each of."""
    if reading.volume_at is None:
        return False
    first, second = sorted((position, reading.volume_at[0]))
    if len(list(SENTENCE_END.finditer(text, first, second))) != 1:
        return False
    starts = [match.end() for match in SENTENCE_END.finditer(text, 0, position)]
    end = SENTENCE_END.search(text, position)
    sentence = text[starts[-1] if starts else 0 : end.end() if end else len(text)]
    return (
        len(sentence) <= 40
        and _PEOPLE_ARE_THERE.search(sentence) is not None
        and not re.search(r"[(（]|社員|従業員|所員|職員|(?<![a-z])(?:staff|employees|people)(?![a-z])", sentence)
    )


_EACH_ONE_DOES = re.compile(
    rf"(?<![a-z])each\s++(?P<who>[a-z]+)\s++{_EACH_DOES}(?![a-z])"
    rf"|(?<![a-z])(?:my|our|the)\s++(?P<team>team|staff|reps|people|agents|nurses|teachers)\s++each\s++{_EACH_DOES}(?![a-z])"
    r"|(?P<ja>スタッフ|社員|従業員|担当者|職員|講師|営業|事務員|パートさん)(?:は|が|も)?それぞれ"
    r"|(?P<role>[一-鿿ァ-ヿ]{0,5}(?:員|担当者|士|師|スタッフ|社員|職員))(?:は|が)\s*+(?:一人|1人|ひとり)(?:あたり|当たり)"
)


def _ask_how_many(text: str, reading: Reading) -> None:
    """ "Each investigator writes 3 a week" and no word of how many there are: one person's volume, so how many
    do it is asked."""
    found = _EACH_ONE_DOES.search(text)
    if found is None or reading.volume is None or reading.volume_is_hours or reading.volume_is_recorded_hours:
        return
    named = found["who"] or found["team"] or "team"
    who = "people" if named == "team" else named if named.endswith("s") else f"{named}s"
    if not re.fullmatch(PEOPLE_EN, who):
        return
    choices = tuple(
        choice(
            (say(language, "{count} {who}", count=count, who=who) for language in LANGUAGES),
            f"{text} ({count} people) (each person)",
        )
        for count in (2, 3, 5, 10)
    )
    reading.unclear.append(Unclear(found[0], found.start(), found.end(), choices, "how_many"))


_SERVED = re.compile(
    r"\s*+(?:人|名)(?!\s*+(?:で|が|は|の(?:スタッフ|社員|職員)))"
    r"|\s*+(?:[a-z\-]+\s++)?(?:patients|customers|guests|visitors|students|callers|diners|clients|residents)(?![a-z])"
)
"""After a volume: the people it counts are the ones served (「患者さんは1日平均15人」, "40 patients a day"), not staff."""


def _counts_people_served(text: str, reading: Reading) -> bool:
    """Whether the volume counts people served: the staff named beside it share them, unless each is said to do
    so many ("each of the 3 nurses sees 10 patients a day")."""
    if reading.volume_at is None:
        return False
    return (
        _SERVED.match(text, reading.volume_at[1]) is not None or _SERVED.match(f" {reading.volume_words}") is not None
    )


_PER_ONE_PERSON = re.compile(r"(?:一人|1人|ひとり)(?:あたり|当たり|につき)")
_CHOSEN_EACH = re.compile(r"\((?:each person|それぞれ)\)")
"""What a reply choosing "each of them does the volume" adds to the question."""


def _in_brackets(text: str, position: int) -> bool:
    return text.rfind("(", 0, position) > text.rfind(")", 0, position)


def _in_the_volumes_clause(text: str, position: int, reading: Reading) -> bool:
    """Whether `position` is in the clause the volume is written in ("3 managers each spend 4 hours a week"), not
    one before it ("Each manager does the rota, it's like 4 hours a week")."""
    if reading.volume_at is None:
        return False
    first, second = sorted((position, reading.volume_at[0]))
    return re.search(r"[,;、。!?！？]|\.(?:\s|$)", text[first:second]) is None


def _company_size(text: str, match: re.Match[str]) -> bool:
    return bool(
        _COMPANY_SIZE_AFTER.match(text[match.end("a") : match.end("a") + 12])
        or _COMPANY_SIZE_BEFORE.search(text[max(0, match.start() - 20) : match.start()])
    )
