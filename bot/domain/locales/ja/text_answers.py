"""Japanese messages of bot/text/answers.py and bot/text/reading.py (the English message → its Japanese)."""

MESSAGES: dict[str, str] = {
    # answers
    "period|a day": "1日",
    "period|a week": "週",
    "period|a month": "月",
    "period|a year": "年",
    "payback|never": "回収不可",
    "{low}–{high}": "{low}〜{high}",  # also reading
    "free": "無料",
    " (includes {quantity} {unit} a month)": "（月{quantity}{unit}まで）",
    "app": "アプリ",
    " (tax incl.)": "（税込）",
    " (before tax)": "（税抜）",
    "{name} [{id}] ({kind}) — about {estimate} a month on {plan}: {prices}. {description}": (
        "{name} [{id}]（{kind}）— {plan}で月およそ{estimate}：{prices}。{description}"
    ),
    "{count} × {unit}": "{count}件",
    "{count} {units}": "{count}{units}",
    "a typical month: {count}": "一般的な月の量：{count}",
    "{count} a month": "月{count}",
    "Prices converted at {rate}.": "換算レート：{rate}。",
    "Cheapest off-the-shelf options for {name} ({volume}):": "{name}の安い既製ツール（{volume}）：",
    "Cheapest off-the-shelf options for {name}:": "{name}の安い既製ツール：",
    "Ready-to-use apps:": "すぐ使えるアプリ：",
    "APIs (need someone to connect them):": "API（つなぎ込みが必要）：",
    "No catalog tool fits this volume.": "この量に合うツールはカタログにありません。",
    "For comparison, outsourcing costs {cost} per {unit}.": "比較：外注すると{unit}あたり{cost}。",
    "Plans:": "プラン：",
    "billed monthly": "月払い",
    "billed yearly": "年払い",
    "pay as you go": "従量課金",
    "Free tier: {free_tier}": "無料枠：{free_tier}",
    "Price last verified {day} at {source}": "価格確認日 {day}（出典 {source}）",
    "count|{volume:,g}": "{volume:,g}件",
    "Savings for {label}, {count} {per}:": "{label}（{per}{count}）の削減効果：",
    "• Cost today: {before} a month → with AI: {after} a month": "• 現在のコスト：月{before} → AI導入後：月{after}",
    "• Savings: {month} a month, {year} a year": "• 削減額：月{month}、年{year}",
    '• To see this in money, add your staff cost per hour (for example "staff at 3,000 yen an hour").': (
        "• 金額で見るには、時給（例：「時給3,000円」）を添えてください。"
    ),
    " months": "か月",
    "• Payback: {months}": "• 回収期間：{months}",
    "Cheapest fitting tool: {tool}": "条件に合う最安ツール： {tool}",
    "Assumptions:": "前提：",
    "No company profile is stored yet, so this is the plan for a typical small business "
    "(staff at ¥3,000 an hour). Save your own with `advisor profile set FILE`.": (
        "会社プロフィールが未登録のため、一般的な中小企業（人件費 時給3,000円）での計画です。"
        "`advisor profile set FILE` で自社の情報を登録できます。"
    ),
    "Start with: {label}.": "まずはここから：{label}。",
    "It takes {hours:,.1f} h of staff time a month today and AI would save {savings} a month.": (
        "現在 月{hours:,.1f}時間かかっており、AIで月{savings}削減できます。"
    ),
    "None of these tasks saves money with today's tools.": "現在のツールでは、どの業務でも削減効果が出ません。",
    "Tasks ranked by net monthly savings:": "月あたりの純削減額の順：",
    "Together: {hours:,.1f} h of staff time freed and {savings} saved a month (at least). "
    "Put the freed time into what only people can do: customers, judgement, new work.": (
        "合計：月{hours:,.1f}時間の作業時間と月{savings}以上を削減。"
        "浮いた時間は顧客との関係づくりや判断など、人にしかできない仕事へ。"
    ),
    "• Extra in-house time: {extra} h a month (the work comes back in-house, at a fraction of the price)": (
        "• 社内作業の増加：月{extra}時間（外注をやめ、低コストで社内対応）"
    ),
    " h": "時間",
    "• Staff time saved: {hours} a month": "• 削減できる作業時間：月{hours}",
    "Build versus buy over {years} years: building your own AI costs {build} (development plus a data scientist) "
    "against {buy} for off-the-shelf tools.": (
        "{years}年間の比較：独自AIの開発は{build}（開発費＋データサイエンティスト）、既製ツールなら{buy}。"
    ),
    "no catalog tool": "該当ツールなし",
    "{hours} h more in-house": "社内作業 {hours}時間増",
    "{hours} h freed": "{hours}時間削減",
    "{label}: {savings} a month, {time}, with {tool}": "{label}：月{savings}、{time}（{tool}）",
    "Sources: catalog entries {ids}": "出典：カタログ項目 {ids}",
    "Model: {model} · {tokens} tokens · ${cost:.5f}": "モデル：{model} · {tokens}トークン · ${cost:.5f}",
    "the savings calculator": "削減効果の計算機",  # also reading
    "the savings calculator, asking before it calculates": "削減効果の計算機（計算前の確認）",
    "the tool catalog": "ツールカタログ",
    "the adoption plan": "導入計画",
    "the budget ledger": "予算の記録",
    "the monthly inventory": "月次の価格棚卸し",
    "— No model called · 0 tokens · $0": "— モデル呼び出しなし · 0トークン · $0",
    "Answered from {source}": "回答元：{source}",  # also reading
    "catalog entries: {ids}": "カタログ項目：{ids}",
    "0 tokens · $0": "0トークン · $0",
    # reading
    "{spend} a month paid to an outside supplier": "外注費 月{spend}",
    "{before} → {after} minutes each": "1件{before}分→{after}分",
    "{before} minutes each today": "現在1件{before}分",
    "staff at {rate} an hour": "時給{rate}",
    "outsourced at {price} per hour of audio": "外注 音声1時間あたり{price}",
    "outsourced at {price} each": "外注 1件{price}",
    "AI tool {price} a month": "AIツール 月{price}",
    "AI tool {price} each": "AIツール 1件{price}",
    "set-up {price} once": "初期費用{price}",
    "not used: {numbers}": "計算に使っていない数：{numbers}",
    "; ": "、",
    "Read as: {parts}": "読み取り：{parts}",
    "counted|units": "件",
    "hours of recordings": "時間の録音・会議",
    "hours of work": "時間の作業",
    "{daily} {words} a day × {days:g} days (open every day) = {monthly} a month": (
        "1日{daily}{words}×{days:g}日（毎日営業）＝月{monthly}"
    ),
    "{who} × {each} {words} {per}": "{who}×{per}{each}{words}",
    "{people} people": "{people}人",
    "{count} {words} {per}": "{per}{count}{words}",
    "once {per}": "{per}1回",
    "Before I work this out: how many people do this? “{text}” gives one person's volume.\n{choices}\n"
    "Or ask again with how many people do it.": (
        "計算の前に確認させてください：何人でしている作業ですか？「{text}」は1人あたりの件数です。\n{choices}\n"
        "または、人数を添えて聞き直してください。"
    ),
    "Before I work this out: how often is this done? The question gives the time ({text}) but not how "
    "many a day, a week or a month.\n{choices}\nOr ask again with how many a month.": (
        "計算の前に確認させてください：どのくらいの頻度の作業ですか？時間（{text}）はありますが、"
        "1日・週・月に何件かがありません。\n{choices}\nまたは、月の件数を添えて聞き直してください。"
    ),
    "{who}, each once {per}": "{who}がそれぞれ{per}1回",
    " = {monthly} a month": "＝月{monthly}",
    "Before I work this out: the question gives more than one figure for the same thing ({text}). "
    "Which should I count?\n{choices}\nI would rather ask than give you a figure built on a guess.": (
        "計算の前に確認させてください：同じ項目に複数の数字があります（{text}）。どれで計算しますか？\n{choices}\n"
        "推測で金額を出すより、確認させてください。"
    ),
    "Before I work this out: the price is per word or character, and “{text}” counts pages or "
    "documents. About how long is each?\n{choices}\nOr ask again with the words or characters a month.": (
        "計算の前に確認させてください：単価は文字（語）単位ですが、「{text}」はページや件数です。"
        "1つあたりの長さはどのくらいですか？\n{choices}\nまたは、月の文字数を書いて聞き直してください。"
    ),
    "Before I work this out: what does “{text}” mean here?\n{choices}\n"
    "I would rather ask than give you a figure built on a guess.": (
        "計算の前に確認させてください：「{text}」はどの意味ですか？\n{choices}\n"
        "推測で金額を出すより、確認させてください。"
    ),
    "(Reply with {numbers}, or ask again with the number written out.)": (
        "（{numbers}のどれかで答えるか、数字の意味を書き足して聞き直してください。）"
    ),
    "{names} is not in the catalog yet, so not priced here.": (
        "{names}はまだカタログにないため、ここでは価格を比べていません。"
    ),
    "{names} are not in the catalog yet, so not priced here.": (
        "{names}はまだカタログにないため、ここでは価格を比べていません。"
    ),
    "“{number}” as {reading}": "「{number}」は{reading}",
    "{taken}: the model {model} read your numbers this way, and only this way.": (
        "{taken}として計算しました（モデル{model}による数字の読み取りがこの読み方とだけ一致）。"
    ),
    "Asked back by the savings calculator: the model's reading did not settle it": (
        "削減効果の計算機からの確認：モデルの読み取りでは決められませんでした"
    ),
    "numbers read by {model} · {tokens} tokens · ${cost:.5f}": "数字の読み取り：{model} · {tokens}トークン · ${cost:.5f}",
}
