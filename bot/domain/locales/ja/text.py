"""Japanese messages of bot/text/ (the English message → its Japanese)."""

MESSAGES: dict[str, str] = {
    # price_watch_text
    "Checked {checked} tools' pricing pages: {unchanged} unchanged, {changed} changed, {errors} not read.": (
        "{checked}件のツールの料金ページを確認：変更なし{unchanged}件、変更あり{changed}件、読めなかったもの{errors}件。"
    ),
    "Not on the page any more:": "ページに見当たらない価格：",
    "The page shows:": "ページにある価格：",
    "  … and {count} more": "  …ほか{count}件",
    "Changed (record what you confirm with `advisor inventory update`):": (
        "変更あり（確かめた価格は `advisor inventory update` で記録してください）："
    ),
    " (dismissed by an admin)": "（管理者が見送り済み）",
    "Not read:": "読めなかったページ：",
    # models_text
    "{name} was retired on {day} and is no longer used": "{name}は{day}に提供終了しました（使用しません）",
    "{name} retires on {day} (in 1 day)": "{name}は{day}に提供終了（あと1日）",
    "{name} retires on {day} (in {days} days)": "{name}は{day}に提供終了（あと{days}日）",
    "; move to {successor}": "。移行先：{successor}",
    "; no other model of its tier lasts: add one to the models file": (
        "。同じティアで継続するモデルがありません。モデル設定ファイルに追加してください"
    ),
    " ({why})": "（{why}）",
    "not usable: its API key is not set": "利用不可：APIキー未設定",
    "not usable: no price known": "利用不可：価格不明",
    "retired: no longer used": "提供終了：使用しません",
    # budget_text
    "the workspace": "ワークスペース全体",
    "channel <#{scope_id}>": "チャンネル <#{scope_id}>",
    "user <@{scope_id}>": "ユーザー <@{scope_id}>",
    "AI budget for {month}:": "{month}のAI予算：",
    "• {name}: {spent:,} tokens used{money}, no limit": "• {name}：{spent:,}トークン使用{money}（上限なし）",
    " (money limit ${limit:.2f})": "（金額上限 ${limit:.2f}）",
    "• {name}: {spent:,} of {limit:,} tokens used ({share:.0%}), {left:,} left{money}{money_limit}": (
        "• {name}：{limit:,}トークン中{spent:,}使用（{share:.0%}）、残り{left:,}{money}{money_limit}"
    ),
    "Questions answered from the catalog or the calculator cost nothing.": (
        "カタログや計算機で答えられる質問は0トークンです。"
    ),
    "⚠ The AI budget of {name} for {month} is used up.": "⚠ {name}の{month}のAI予算を使い切りました。",
    "⚠ {name} has used {share:.0%} of its AI budget for {month}.": "⚠ {name}は{month}のAI予算の{share:.0%}を使いました。",
    # declines
    'tool prices ("cheapest way to transcribe meetings?"), savings with your numbers ("20 proposals a month, '
    '5 hours each, 1 hour with AI, staff at 3,000 yen an hour"), where to start ("where should we start?"), '
    'what got cheaper ("what got cheaper this month?") and the budget ("how much of our budget is left?")': (
        "ツールの料金（「議事録に一番安いツールは？」）、数字を含む削減効果（「提案書を月20件、1件5時間がAIで1時間、"
        "時給3,000円ならいくら節約？」）、どこから始めるか（「どこから始めるべき？」）、何が安くなったか（「今月安くなったツールは？」）、"
        "予算（「予算はあとどれくらい？」）"
    ),
    "This question needs a language model, and none is configured{detail}. Set an API key named in "
    "catalog/models.yaml (for example OPENAI_API_KEY or DASHSCOPE_API_KEY) and ask again; `advisor models` "
    "shows which models are usable. Without a model I still answer {examples}, at 0 tokens.": (
        "この質問には言語モデルが必要ですが、使えるモデルが設定されていません{detail}。catalog/models.yaml に"
        "書かれたAPIキー（OPENAI_API_KEY や DASHSCOPE_API_KEY など）を設定してからもう一度どうぞ。"
        "`advisor models` で使えるモデルを確認できます。モデルがなくても、{examples}には0トークンで答えます。"
    ),
    "Ask me about {examples}, or anything about adopting AI tools at work.": (
        "{examples}、そのほか仕事へのAIツール導入についてお気軽にどうぞ。"
    ),
    "this month's budget": "今月の予算",
    "The AI budget for this month ({scope}) cannot cover this question, so no model was called. "
    "Ask {who} to raise it (`/ai-budget`), or wait for next month. I still answer {examples} at 0 tokens.": (
        "今月のAI予算（{scope}）ではこの質問に答えられないため、モデルは呼び出していません。"
        "{who} に予算の引き上げを依頼するか（`/ai-budget`）、来月までお待ちください。{examples}には0トークンで答えます。"
    ),
    "The AI budget for this month ({scope}) cannot cover this question, so no model was called. "
    "Ask an admin to raise it (`advisor budget set`), or wait for next month. "
    "I still answer {examples} at 0 tokens.": (
        "今月のAI予算（{scope}）ではこの質問に答えられないため、モデルは呼び出していません。"
        "管理者に予算の引き上げを依頼するか（`advisor budget set`）、来月までお待ちください。"
        "{examples}には0トークンで答えます。"
    ),
    "The question is longer than any configured model can read. Shorten it or paste only the part that matters.": (
        "質問が長すぎて、設定されたどのモデルでも読めません。短くするか、必要な部分だけを貼り付けてください。"
    ),
    "I could not reach a language model just now ({detail}). Your question is saved as #{question_id} and "
    "nothing was charged to the budget; please try again in a minute.": (
        "現在、言語モデルに接続できません（{detail}）。質問は #{question_id} として保存済みで、予算は消費していません。"
        "1分ほどしてからもう一度お試しください。"
    ),
    "_The answer stopped part-way (the connection to the model was lost). What it used is counted; "
    "ask again for the whole answer._": (
        "_モデルとの接続が切れたため、回答は途中で止まりました。使った分は予算に計上しています。"
        "全文が必要なら、もう一度質問してください。_"
    ),
    # quantities: hours of audio
    "about {minutes} minutes of audio each ({hours:g} hours of audio a month)": "1本あたり音声{minutes}分ほど（月{hours:g}時間分）",
    "Before I work this out: the price is per hour of audio, and “{text}” counts recordings. About how "
    "long is each?\n{choices}\nOr ask again with the hours of audio a month.": (
        "計算の前に確認させてください：単価は音声1時間あたりですが、「{text}」は録音の本数です。"
        "1本あたりの長さはどのくらいですか？\n{choices}\nまたは、月の音声時間を書いて聞き直してください。"
    ),
    "say how often, like 4/month ('{text}' is a time with no count of how often)": (
        "頻度を書いてください（例：月4回）。「{text}」は時間だけで、何回かがありません"
    ),
    "say how many people do it, like 3 staff each ('{text}' is one person's volume)": (
        "何人でしているかを書いてください（例：3人がそれぞれ）。「{text}」は1人あたりの件数です"
    ),
    "the price is per hour of audio: give the hours of audio a month, not '{text}'": (
        "単価は音声1時間あたりです。「{text}」ではなく、月の音声時間を書いてください"
    ),
    # replying
    "is thinking…": "が考えています…",
    "Reading your question…": "質問を読んでいます…",
    "Checking the catalog and this month's prices…": "カタログと今月の価格を確認しています…",
    "Asking the cheapest model that fits…": "条件に合う一番安いモデルに聞いています…",
    # assistant
    "Where to start": "どこから始めるか",
    "Where should we start with AI?": "どこからAIを始めればいいですか？",
    "What got cheaper": "何が安くなったか",
    "What got cheaper this month?": "今月は何が安くなりましたか？",
    "A savings calculation": "削減効果の計算",
    "20 proposals a month, 5 hours each, 1 hour with AI, staff at 3,000 yen an hour": (
        "提案書を月20件、1件5時間、AIで1時間、時給3,000円"
    ),
    "The budget left": "残りの予算",
    "How much of our AI budget is left?": "今月のAI予算はあとどれくらい残っていますか？",
    "Ask about AI tools, prices and savings, or try one of these:": (
        "AIツール・価格・削減効果について質問するか、次のどれかを試してください："
    ),
    # chart_style
    "{day:%Y-%m}": "{day.year}年{day.month}月",
    # inventory
    "What got cheaper: the AI inventory for {month}": "{month}のAI価格の棚卸し：何が安くなったか",
    "Cheaper since last month:": "先月から値下がり：",
    "Dearer since last month:": "先月から値上がり：",
    "New in the catalog:": "カタログに追加：",
    "No longer priced:": "価格情報なし：",
    "Prices not checked for 90 days (re-check them):": "90日以上価格未確認（要確認）：",
    "Try next: {suggestion}": "次に試すなら：{suggestion}",
    "Cheapest ready-to-use option per task (a typical month's volume):": (
        "業務ごとの最安の既製ツール（一般的な月間利用量）："
    ),
    "free at this volume": "この量なら無料",
    "about {price} a month": "月およそ{price}",
    "• {name}: {tool}, {cost}{month}{year}": "• {name}：{tool} {cost}{month}{year}",
    " (free last month)": "（先月は無料）",
    " ({percent:+.1f}% since last month)": "（先月比{percent:+.1f}%）",
    ": the cheapest now in place of last month's {before} ({prices} a month)": "（先月最安の{before}に代わって最安：月{prices}）",
    ": new in the catalog and cheaper than last month's cheapest, {before} ({prices} a month)": (
        "（カタログに新規追加、先月最安の{before}より安い：月{prices}）"
    ),
    ": now cheaper than last month's cheapest, {before} ({prices} a month)": "（先月最安の{before}より安くなった：月{prices}）",
    "; free a year ago": "、1年前は無料",
    "; {percent:+.1f}% against a year ago": "、前年比{percent:+.1f}%",
    "; a year ago the cheapest was {before} at {price} a month": "、1年前の最安は{before}（月{price}）",
    "{name} ({plan})": "{name}（{plan}）",  # also change_chart
    "Configured models (USD per 1M tokens, in / out):": "設定済みのモデル（100万トークンあたりUSD、入力／出力）：",
    "None of them is used yet: no API key is set (see the models file).": (
        "APIキーが未設定のため、まだどのモデルも使いません（モデル設定ファイルを参照）。"
    ),
    "Cheapest per tier: {cheapest}": "ティア別の最安：{cheapest}",
    "Models to replace:": "入れ替えが必要なモデル：",
    "tier {tier} {name} ${price:g}": "ティア{tier} {name} ${price:g}",
    " (×{times:g} cheaper)": "（{times:g}分の1）",
    "The long view (USD per 1M input tokens):": "長期の推移（入力100万トークンあたりUSD）：",
    "today ({day:%Y-%m}): ": "現在（{day:%Y-%m}）：",
    # change_chart
    "What changed since last month": "先月からの変化",
    "No price changed since last month,\nand no task has a new cheapest option.": (
        "先月から価格の変化はなく、\n業務ごとの最安も変わっていません。"
    ),
    "Price cut (same plan)": "値下げ（同じプラン）",
    "Price rise (same plan)": "値上げ（同じプラン）",
    "No plan's price changed since last month.": "先月から価格が変わったプランはありません。",
    "and {more} more in the report": "ほか{more}件はレポートに",
    "Change in price since last month": "先月からの価格の変化",
    "New cheapest option": "業務の新たな最安",
    "{old} → {new} {unit}": "{unit}{old} → {new}",
    ", ": "、",  # also reading
    "New in the catalog: {price} a month": "新規：月{price}",
    "Now the cheapest: {price} a month": "新たに最安：月{price}",
    "for {tasks}; last month's cheapest: {before}, {before_price} a month": "{tasks}で最安。先月の最安は{before}（月{before_price}）",
    # long_view_chart
    "The long view: the cheapest model per tier": "長期の推移：ティア別の最安モデル",
    "No price data yet": "価格データはまだありません",
    "USD per 1M input tokens (log scale)": "入力100万トークンあたりUSD（対数目盛）",
    "Earlier models, at their price then": "過去のモデル（当時の価格）",
    "{name} {price}\n({when})": "{name} {price}\n（{when}）",
    "\n{times}× cheaper than {name}": "\n{name}の{times}分の1",
    "Tier {tier}: {name}": "ティア{tier}：{name}",
    "Tier {tier} ({size}): {name}": "ティア{tier}（{size}）：{name}",
    "tier|small": "小型",
    "tier|mid": "中型",
    "tier|strong": "高性能",
}
