"""Whether a question is something this advisor should answer at all, decided without a model.

The advisor helps small businesses adopt cheap AI tools. Poems, the weather, coding help,
homework, trivia, sports, recipes, translating a text for the asker, medical or legal
advice and chit-chat are declined politely, at zero tokens.

Refusing a real business question costs more than letting an odd one through to a small
model, so a question is refused only when it matches a known off-topic request *and*
carries no sign of being about AI in a business. Two kinds of off-topic request are told
apart:

- requests to *do* something (write a poem, fix code, translate this): they are
  refused unless the request itself mentions AI, tools or adoption. Business words alone
  do not save them: "translate this email to our customer" is still a translation job.
  Only the first line is read, and AI words count only before a colon that introduces
  pasted text.
- questions *about* something else (weather, sports, symptoms, a divorce): they are
  refused unless the question mentions AI, tools, the business or one of its tasks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from bot.domain.messages import say
from bot.domain.tiers import word_pattern

OffTopicSubject = Literal[
    "creative_writing",
    "coding_help",
    "homework",
    "translation_job",
    "weather",
    "trivia",
    "sports",
    "recipe",
    "medical_advice",
    "legal_advice",
    "chit_chat",
]


@dataclass(frozen=True)
class TopicVerdict:
    """What an off-topic question was about (for the polite decline); no subject means on topic."""

    subject: OffTopicSubject | None = None

    @property
    def off_topic(self) -> bool:
        return self.subject is not None

    def reason(self, language: str) -> str:
        """One plain sentence, in the asker's language, saying why the question is declined."""
        if self.subject is None:
            return ""
        what = _SUBJECT_NAMES[self.subject](language)
        return say(
            language, "This advisor does not help with {what}: it helps your business adopt AI tools.", what=what
        )


_SUBJECT_NAMES: dict[OffTopicSubject, Callable[[str], str]] = {
    "creative_writing": lambda language: say(
        language, "writing texts for you (poems, jokes, ad copy)", context="declined"
    ),
    "coding_help": lambda language: say(language, "programming", context="declined"),
    "homework": lambda language: say(language, "homework or maths problems", context="declined"),
    "translation_job": lambda language: say(language, "translating texts", context="declined"),
    "weather": lambda language: say(language, "weather forecasts", context="declined"),
    "trivia": lambda language: say(language, "general knowledge questions", context="declined"),
    "sports": lambda language: say(language, "sports", context="declined"),
    "recipe": lambda language: say(language, "cooking and recipes", context="declined"),
    "medical_advice": lambda language: say(language, "medical advice", context="declined"),
    "legal_advice": lambda language: say(language, "legal, tax or employment questions", context="declined"),
    "chit_chat": lambda language: say(language, "small talk", context="declined"),
}

# Requests to do a job that is not advice on AI tools. Read on the request only.
_JOB_REQUESTS: dict[OffTopicSubject, re.Pattern[str]] = {
    "creative_writing": word_pattern(
        r"\b(?:write|compose|make up|give me|create)\b.{0,30}"
        r"\b(?:poems?|haikus?|songs?|lyrics|stor(?:y|ies)|novel|limerick|rap)\b"
        r"|\b(?:poem|haiku|song|story|limerick) (?:about|for|on)\b|\btell me (?:a|another|some) (?:joke|story)s?\b"
        r"|\b(?:a|any|some) (?:good |funny )?jokes?\b|\bmake me laugh\b"
        r"|(?:詩|俳句|短歌|川柳|ポエム|物語|小説|歌詞|ラップ|ジョーク|ダジャレ|笑い話).{0,8}(?:作って|書いて|詠んで|考えて|教えて|言って|作成して)"
        r"|\b(?:write|draft|compose)\b.{0,20}\b(?:a |an |our |the )?(?:short |funny )?(?:poem|joke|slogan|tagline|marketing email"
        r"|newsletter|blog post|ad copy|press release|speech|toast)s?\b|\bjokes? about\b"
        r"|(?:川柳|俳句|短歌|詩)を.{0,4}(?:一句|一首|お願い)|キャッチコピー.{0,10}(?:考えて|作って|書いて|お願い)"
        r"|(?:景品|余興|出し物|ネタ)の?アイデア.{0,6}(?:出して|考えて|ください|お願い)"
    ),
    "coding_help": word_pattern(
        r"\b(?:fix|debug|correct)\b.{0,30}\b(?:code|error|bug|script|function|macro|query)\b"
        r"|\bwrite (?:me )?(?:an? |the |some )?"
        r"(?:python|javascript|typescript|java|sql|vba|bash|shell|php|ruby|golang|rust|c\+\+|c#)\b"
        r"|\b(?:python|javascript|typescript|java|sql|vba|php|html|css|excel formula)\b.{0,40}"
        r"\b(?:error|function|loop|query|script|syntax|exception|regex)\b"
        r"|traceback \(most recent|\b(?:type|syntax|name|value|key|index|attribute)error\b|nullpointerexception"
        r"|\bhow (?:do i|to) (?:write|code|program) (?:a |an )?(?:loop|function|class|query|regex)"
        r"|(?:python|javascript|sql|vba|マクロ|プログラム|コード|関数|ループ|正規表現).{0,20}"
        r"(?:書き方|書いて|教えて|直して|修正して|エラー|バグ|書く方法)"
    ),
    "homework": word_pattern(
        r"\bsolve\b.{0,30}(?:\bfor [a-z]\b|equation)|\bhomework\b|\bintegral of\b|\bderivative of\b"
        r"|\bwhat(?:'s| is) \d+(?:\.\d+)?\s*(?:[+\-*/×÷^]|plus|minus|times|divided by)\s*\d"
        r"|宿題|方程式|微分|積分|計算問題|この問題を解いて"
    ),
    "translation_job": word_pattern(
        r"^\W*(?:please |can you |could you |pls )?(?:translate|put)\b.{0,60}\b(?:into|to|in) "
        r"(?:english|japanese|chinese|korean|french|spanish|german|vietnamese)\b"
        r"|\btranslate (?:this|the following|these|that|it|my)\b"
        r"|(?:英語|日本語|中国語|韓国語)(?:に|へ)(?:翻訳|訳)して|(?:英訳|和訳|翻訳)して(?:ください|下さい|ほしい|欲しい|くれ|$)"
        r"|訳してください"
    ),
}

# Questions about something other than running the business with AI. Read on the whole text.
_OTHER_SUBJECTS: dict[OffTopicSubject, re.Pattern[str]] = {
    "weather": word_pattern(
        r"\bweather\b|\bforecast for (?:today|tomorrow|the weekend)|\bwill it (?:rain|snow)\b|\bis it going to rain\b"
        r"|天気|天候|気温|雨(?:は|が)?降る|降水確率|台風の進路"
    ),
    "trivia": word_pattern(
        r"\bcapital (?:city )?of\b|\bwho (?:was|invented|discovered|wrote|painted|built)\b|\bwhat year did\b"
        r"|\bwhen (?:did|was) .{0,40}\b(?:born|die|died|founded|built|invented)\b|\bhow (?:tall|high|old|far|deep) is\b"
        r"|\b(?:tallest|highest|longest|largest|biggest|deepest) (?:mountain|river|building|country|animal|lake|city)\b"
        r"|首都|(?:誰|だれ)が(?:発明|書いた|作った|描いた|発見|建て)|何年に(?:建て|起き|生まれ)|一番(?:高い|長い|大きい|深い)(?:山|川|建物|国|湖)"
    ),
    "sports": word_pattern(
        r"\bwho won\b|\bfinal score\b|\bworld series\b|\bworld cup\b|\bsuper bowl\b|\bolympics\b|\bpremier league\b"
        r"|\b(?:baseball|football|soccer|basketball|rugby) (?:game|match|score|results?)\b|\bj-?league\b"
        r"|試合|優勝|勝った|負けた|ワールドカップ|w杯|オリンピック|(?:野球|サッカー)の結果"
    ),
    "recipe": word_pattern(
        r"\brecipes?\b|\bhow (?:do i|to|can i|should i) (?:cook|bake|fry|grill|boil)\b|\bingredients for\b"
        r"|レシピ|(?:の|を)作り方|料理の仕方|(?:煮|焼|炒め)方"
    ),
    "medical_advice": word_pattern(
        r"\bsymptoms?\b|\bdiagnos|\bheadache\b|\bfever\b|\bsore throat\b|\bmedicine should i\b|\bdosage\b"
        r"|\bprescription\b|\bblood pressure\b|\bmy doctor\b|\bshould i see a doctor\b"
        r"|\bpainkillers?\b|\bhurt my (?:back|knee|neck|shoulder|leg|arm|wrist)\b|\binjur(?:y|ed)\b"
        r"|頭痛|熱が(?:ある|出|下が)|風邪|症状|薬(?:を|は)?(?:飲|何)|病院に行く|診断して|血圧|腹痛|喉が痛|痛み止め|腰(?:を)?痛"
    ),
    "legal_advice": word_pattern(
        r"\bdivorce\b|\bcustody\b|\bsue\b|\blawsuit\b|\bmy landlord\b|\balimony\b|\binheritance\b|\btraffic ticket\b"
        r"|\blegal advice\b"
        r"|\blegally\b|\b(?:is|was) (?:it|she|he|that|this) (?:legal|allowed by law)\b|\bunder (?:japanese |us |the )?law\b"
        r"|\bovertime pay\b|\bwrongful\b|\bharass|\blandlord\b|\blease\b|\bdeduct\b|\btax(?:es| return| deduction)\b"
        r"|\bsole proprietor\b|\bfire (?:an employee|him|her|them)\b"
        r"|離婚|慰謝料|養育費|相続|訴えたい|訴訟|大家さん|交通違反|親権"
        r"|法的に|違法|合法|法律上|パワハラ|セクハラ|残業代|解雇|処分すべき|懲戒|確定申告|医療費控除|控除|消費税の申告|インボイス制度|税務署"
        r"|就業規則"
    ),
    "chit_chat": word_pattern(
        r"^\W*(?:hi|hello|hey|yo|good (?:morning|afternoon|evening)|thanks?|thank you)\W*$"
        r"|\bhow are you(?: doing| today)?\W*$|\bhow's it going\b|\bwhat(?:'s| is) your (?:name|favou?rite)\b"
        r"|\btell me about yourself\b"
        r"|\bare you (?:human|alive|a robot|real)\b|\bi'?m bored\b|\bdo you (?:like|love|dream|have feelings)\b"
        r"|^\W*(?:こんにちは|こんばんは|おはよう(?:ございます)?|やあ|ありがとう(?:ございます)?)\W*$"
        r"|元気(?:ですか|\?)|暇(?:だ|です|なので)|好きな(?:食べ物|色|映画|音楽|動物)|あなたは誰|趣味は|面白い話"
        r"|\bhow was your (?:weekend|day|week)\b|\byou'?re the best\b|\bhoroscope\b|\bfun facts?\b"
        r"|運勢|占い|星座"
    ),
}

# Signs that a request is about AI, tools or their adoption.
_AI_WORDS = word_pattern(
    r"\bai\b|a\.i\.|artificial intelligence|\bgpt|chatgpt|\bllm|claude|gemini|copilot|qwen|deepseek|openai|chat ?bot"
    r"|\bbots?\b|\btools?\b|software|\bapps?\b|\bsaas\b|subscription|automat|\badopt|roll ?out|vendor|\bmodels?\b"
    r"|prompt|\btokens?\b|machine learning|\bapi\b|assistant"
    r"|人工知能|生成ai|ツール|アプリ|ソフト|自動化|導入|チャットボット|モデル|プロンプト|トークン|サービス"
)
# Signs that a question is about the business, its people and its work.
_BUSINESS_WORDS = word_pattern(
    r"\b(?:our|my) (?:company|business|shop|store|office|clinic|firm|team|staff|employees|customers|clients|restaurant"
    r"|factory|agency|salon|hotel|practice|patients)\b"
    r"|\bstaff\b|\bemployees?\b|\bcustomers?\b|\bclients?\b|\bpatients\b"
    r"|\bcosts?\b|\bprices?\b|\bsav(?:e|ing|ings)\b|\bbudget\b|\bbusiness\b"
    r"|うちの|弊社|当社|社員|スタッフ|従業員|業務|顧客|お客様|店舗|事務所|会社|患者さん|料金|費用|コスト|予算|削減"
)


# Making the work itself lighter: a legal office's paperwork to streamline is the business's work, not legal advice.
_STREAMLINING = word_pattern(r"\befficien|\bstreamlin|\bautomat|\bspeed up\b|効率化|自動化|省力化|業務改善|時短")
# Asking how to have AI do a job ("how can we use ChatGPT to write our newsletter?") is advice on AI, not the job.
_USING_AI = word_pattern(
    r"\b(?:with|using|use|via|through|by) (?:ai|chatgpt|gpt|claude|gemini|copilot|an? (?:ai )?tool|generative ai)\b"
    r"|\bhow (?:can|do|should|could) (?:we|i)\b|\bwhich (?:tool|app|ai)\b|\bprompts?\b"
    r"|(?:ai|chatgpt|生成ai|ツール)(?:で|を使って|を使い|に(?:作らせ|書かせ|任せ))|使い方|活用|導入|どうやって|方法"
)


def topic_verdict(question: str, names_tools_or_tasks: bool) -> TopicVerdict:
    """Decline `question` when it is a known off-topic request with no sign of AI in a business.

    `names_tools_or_tasks`: whether the question names a catalog tool or a task the catalog covers.

    A text written for the asker (a poem, a joke, ad copy) is declined even when it is about AI,
    unless the request is how to have AI write it. Legal, tax, employment and medical questions
    are declined unless they are about AI (the business's own lawsuit is still legal advice);
    small talk and trivia unless they are about the business, its tools or tasks (chatting about
    ChatGPT is still chatting).
    """
    text = unicodedata.normalize("NFKC", question).strip().lower()
    first_line = text.split("\n", 1)[0]
    request = request_part(first_line)
    ai_in_request = _AI_WORDS.search(request) is not None
    for subject, pattern in _JOB_REQUESTS.items():
        saved = _USING_AI.search(request) is not None if subject == "creative_writing" else ai_in_request
        if pattern.search(first_line) and not saved:
            return TopicVerdict(subject)
    tools_or_tasks = names_tools_or_tasks
    about_ai = _AI_WORDS.search(text) is not None or tools_or_tasks
    about_the_business = _BUSINESS_WORDS.search(text) is not None or tools_or_tasks
    for subject, pattern in _OTHER_SUBJECTS.items():
        if subject in ("legal_advice", "medical_advice"):
            saved = about_ai or _STREAMLINING.search(text) is not None
        elif subject in ("chit_chat", "trivia"):
            saved = about_the_business or _USING_AI.search(text) is not None
        else:
            saved = about_ai or about_the_business
        if pattern.search(text) and not saved:
            return TopicVerdict(subject)
    return TopicVerdict()


def request_part(text: str) -> str:
    """The asker's own words before pasted text: "translate this email: <the email>" -> "translate this email".

    A colon on the first line introduces pasted text unless what follows is itself a
    question ("quick question: which tool is cheapest?"); otherwise the whole text is the request.
    """
    first_line = text.split("\n", 1)[0]
    parts = re.split(r"[:：]\s*(?=\S)", first_line, maxsplit=1)
    if len(parts) == 2 and not parts[1].rstrip().endswith(("?", "？")):
        return parts[0]
    return text
