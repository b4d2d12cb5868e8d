"""Japanese messages of bot/domain/, bot/advisor/ and bot/cli/ (the English message → its Japanese)."""

MESSAGES: dict[str, str] = {
    # money
    "US$1 = ¥{rate} (rate set {day})": "1米ドル = {rate}円（{day} 設定のレート）",
    # savings
    "A month has 52 × 5 / 12 ≈ 21.7 working days, so {volume:g} a day is {units:,.1f} a month.": (
        "1か月の営業日を52週×5日÷12≈21.7日として、1日{volume:g}件を月{units:,.1f}件と数えます。"
    ),
    "A month is 52/12 ≈ 4.33 weeks, so {volume:g} a week is {units:,.1f} a month.": (
        "1か月は52/12≈4.33週として、週{volume:g}件を月{units:,.1f}件と数えます。"
    ),
    "{volume:g} a year is counted as {units:,.2f} a month.": "年{volume:g}件を月{units:,.2f}件として月額に換算します。",
    "In-house time per unit goes from {before:g} to {after:g} minutes.": (
        "社内の作業時間は1件あたり{before:g}分から{after:g}分になります。"
    ),
    "Checking the AI's output takes {minutes:g} minutes per unit.": "AIの出力の確認に1件あたり{minutes:g}分かかります。",
    "Staff time is costed at {rate} an hour.": "人件費は1時間あたり{rate}で計算します。",
    "No hourly cost was given, so the hours saved are not counted as money.": (
        "時給が未指定のため、削減時間は金額に換算していません。"
    ),
    "{low}–{high}": "{low}〜{high}",
    "Outsourcing at {price} per unit is replaced by the AI route.": "1件あたり{price}の外注費がAIでの作業に置き換わります。",
    "The AI tool costs {fee} a month.": "AIツールの月額は{fee}です。",
    "The AI tool charges {fee} per unit.": "AIツールの従量料金は1件あたり{fee}です。",
    "No AI tool cost is included (a free tier, or none was given).": (
        "AIツールの費用は含めていません（無料枠の範囲内か、未指定）。"
    ),
    "A one-off setup cost of {fee} is paid back from the monthly savings.": (
        "初期費用{fee}を月々の削減額で回収する期間を示します。"
    ),
    "Savings per year are 12 × the monthly savings.": "年間の削減額は月額の12倍です。",
    # catalog
    "per month": "月額",
    "per user per month": "1ユーザー月額",
    "per minute of audio": "音声1分あたり",
    "per hour of audio": "音声1時間あたり",
    "per 1M characters": "100万文字あたり",
    "per 1M input tokens": "入力100万トークンあたり",
    "per 1M output tokens": "出力100万トークンあたり",
    "per image": "1枚あたり",
    "per piece": "1件あたり",
    "characters": "文字",
    "minutes of audio": "分（音声）",
    "images": "枚",
    "pieces": "件",
    "tokens": "トークン",
    "input tokens": "入力トークン",
    "output tokens": "出力トークン",
    "users": "ユーザー",
    # inventory
    "Try {task:lower} with {tool} next: {plan} fell {fall}% to {price} {unit}.": (
        "次は{tool}で「{task}」を試しましょう。{plan}が{fall}%値下がりし、{unit}{price}になりました。"
    ),
    "No tool in the catalog has a known price.": "カタログに価格のわかるツールがありません。",
    "Nothing got cheaper; the cheapest place to start is {task:lower}, with {tool} ({plan}) at {price} a month.": (
        "値下がりはありませんでした。始めやすいのは「{task}」で、{tool}（{plan}）なら月{price}です。"
    ),
    "{task} saves the most: the cheapest option, {tool} ({plan}), costs {price} a month for a typical "
    "small business, {less} less than last month's cheapest, {before}.": (
        "一番節約できるのは「{task}」です。最安の{tool}（{plan}）は一般的な中小企業の量で月{price}、"
        "先月の最安（{before}）より{less}安い選択肢です。"
    ),
    "{task} saves the most: the cheapest option, {tool} ({plan}), costs {price} a month for a typical "
    "small business, {less} less than a year ago's cheapest, {before}.": (
        "一番節約できるのは「{task}」です。最安の{tool}（{plan}）は一般的な中小企業の量で月{price}、"
        "1年前の最安（{before}）より{less}安い選択肢です。"
    ),
    "{task} saves the most: the cheapest option, {tool} ({plan}), now costs {price} a month for a typical "
    "small business, {less} less than last month.": (
        "一番節約できるのは「{task}」です。最安の{tool}（{plan}）は一般的な中小企業の量で月{price}、先月より{less}安くなりました。"
    ),
    "{task} saves the most: the cheapest option, {tool} ({plan}), now costs {price} a month for a typical "
    "small business, {less} less than a year ago.": (
        "一番節約できるのは「{task}」です。最安の{tool}（{plan}）は一般的な中小企業の量で月{price}、1年前より{less}安くなりました。"
    ),
    # topics
    "This advisor does not help with {what}: it helps your business adopt AI tools.": (
        "{what}はお手伝いの対象外です。このボットは、業務へのAIツール導入についての相談にお答えします。"
    ),
    "declined|writing texts for you (poems, jokes, ad copy)": "詩やジョーク、広告文などの作成",
    "declined|programming": "プログラミングの手伝い",
    "declined|homework or maths problems": "宿題や計算問題",
    "declined|translating texts": "文章の翻訳そのもの",
    "declined|weather forecasts": "天気の質問",
    "declined|general knowledge questions": "一般的な雑学の質問",
    "declined|sports": "スポーツの話題",
    "declined|cooking and recipes": "料理やレシピ",
    "declined|medical advice": "医療の相談",
    "declined|legal, tax or employment questions": "法律・税務・労務の相談",
    "declined|small talk": "雑談",
    # tiers
    "A long pasted text (about {characters} characters) needs a strong model to read it all.": (
        "貼り付けられた長い文章（約{characters}文字）を読み込むため、高性能なモデルが必要です。"
    ),
    "Several constraints to weigh ({constraints}) need a strong model.": (
        "複数の条件（{constraints}）を同時に考える必要があるため、高性能なモデルが必要です。"
    ),
    "A phased plan with figures needs a strong model.": "数字を含む段階的な計画のため、高性能なモデルが必要です。",
    "Planning or reviewing across several departments or tasks needs a strong model.": (
        "複数の部門や業務にまたがる計画や検討のため、高性能なモデルが必要です。"
    ),
    "Several tasks to plan under constraints ({constraints}) need a strong model.": (
        "複数の業務を条件（{constraints}）付きで検討するため、高性能なモデルが必要です。"
    ),
    "Comparing a few options needs a mid-range model.": "いくつかの選択肢を比べるため、中程度のモデルを使います。",
    "A few constraints to weigh ({constraints}) need a mid-range model.": (
        "いくつかの条件（{constraints}）を考える必要があるため、中程度のモデルを使います。"
    ),
    "A short rollout for one task needs a mid-range model.": "一つの業務の進め方を組み立てるため、中程度のモデルを使います。",
    "Several tasks or questions at once need a mid-range model.": "複数の業務や質問にまたがるため、中程度のモデルを使います。",
    "An explanation that has to fit your situation needs a mid-range model.": (
        "状況に合わせた説明が必要なため、中程度のモデルを使います。"
    ),
    "A detailed question needs a mid-range model.": "詳しい質問のため、中程度のモデルを使います。",
    "A short, factual question: a small, cheap model is enough.": "短い質問なので、小さく安いモデルで十分です。",
    "constraint|budget": "予算",
    "constraint|privacy": "情報管理",
    "constraint|languages": "言語",
    "constraint|headcount": "人数",
    "constraint|deadline": "期限",
    "constraint|staff skills": "社内のスキル",
    "constraint|legal rules": "法令",
    "constraint|existing systems": "既存システム",
    "constraints|, ": "・",
    # quantities.money_questions (and money)
    "staff at {rate} an hour": "時給{rate}",
    "quoted figures| or ": "、",
    "how often|once a day": "1日1回",
    "how often|once a week": "週1回",
    "how often|once a month": "月1回",
    "paid to an outside supplier a month": "外注先に払う月額",
    "{amount} paid outside a month today": "今、外注先に払っている月額が{amount}",
    "{amount} paid outside": "外注先に払っているのは{amount}",
    "all paid outside: {amount} a month": "どれも外注先への支払い：合わせて月{amount}",
    "paid to an outside supplier a month, beside the staff's time": "外注先に払う月額（社内の作業時間とは別）",
    "the staff's time counted another way: leave it out and cost the time at the hourly rate": (
        "社内の作業時間を別の数え方でした額：計算には入れず、時給で計算"
    ),
    "what the staff's time costs today (about {rate} an hour)": "今の社内の作業時間の人件費（時給にして約{rate}）",
    # quantities.money (and leftovers)
    "one person's pay a month (about {hourly:,} an hour)": "1人の月給（時給にして約{hourly:,}）",
    "paid to an outside supplier per item": "外注先に払う1件あたりの価格",
    "paid to an outside supplier per hour of audio": "外注先に払う音声1時間あたりの価格",
    "{count} {who}": "{count}人",
    "staff cost an hour": "1時間あたりの人件費",
    "an AI tool's price a month": "AIツールの月額",
    "an AI tool's price per item": "AIツールの1件あたりの料金",
    # quantities.leftovers
    "{phrase} a day": "1日{phrase}",
    "{phrase} a week": "週{phrase}",
    "{phrase} a month": "月{phrase}",
    "{number} minutes per item": "1件{number}分",
    "{number} hours per item": "1件{number}時間",
    "not part of the calculation": "計算には関係ない",
    # quantities.combined (and times)
    "quoted figures|, ": "、",
    "only {words}": "{words}だけ",
    "{words} for the whole team": "{words}はチーム全体で",
    "{words} for each of the {people:g} ({each:g} minutes in all)": "{words}は{people:g}人それぞれ（合計{each:g}分）",
    "{words} into each of the {languages} languages: {total:g} translations": (
        "{words}を{languages}言語それぞれに（計{total:g}件）"
    ),
    "{words} in all": "全部で{words}",
    # quantities.counts
    "{value:,.0f} characters": "{value:,.0f}文字",
    "{value:,.0f} items": "{value:,.0f}件",
    # quantities.people
    "the volume is all of theirs together": "件数は全体の合計",
    "the volume is the whole team's": "件数はチーム全体の数",
    "each of the {sites} does the volume": "{sites}がそれぞれその件数",
    "each of the {people:g} does the volume": "{people:g}人がそれぞれその件数",
    # quantities.shares
    "{share} less time with AI ({minutes:g} minutes each)": "AIで{share}短縮（1件{minutes:g}分）",
    "{share} of today's time with AI ({minutes:g} minutes each)": "AIで今の{share}の時間（1件{minutes:g}分）",
    "not about the time": "時間とは関係ない",
    # quantities.times
    "{before} → {after} minutes": "{before}分→{after}分",
    "{before} → {after} hours": "{before}時間→{after}時間",
    "{time} less with AI": "AIで{time}短縮",
    "{time} with AI": "AIで{time}になる",
    "{time} for each one": "1件ごとに{time}",
    "{time} for all {volume:g} ({per_item} minutes each)": "{volume:g}件全部で{time}（1件{per_item}分）",
    "{time} each today": "1件{time}（今）",
    # advisor.calculator_answers
    "The {hours:g} hours are of recordings or meetings, not of work: {quantity} × {unit} {per}.": (
        "{per}{hours:g}時間は作業時間ではなく録音・会議の時間として、{unit}×{quantity}と数えます。"
    ),
    "The {hours:g} hours are of recordings or meetings, not of work: {quantity} {unit} {per}.": (
        "{per}{hours:g}時間は作業時間ではなく録音・会議の時間として、{unit}×{quantity}と数えます。"
    ),
    "{hours:g} hours of work {per} is {count:,.1f} × {unit} at {minutes:g} minutes each.": (
        "{per}{hours:g}時間の作業を、1件{minutes:g}分として{count:,.1f}件と数えます。"
    ),
    "{hours:g} hours of work {per} is {count:,.1f} × hour at {minutes:g} minutes each.": (
        "{per}{hours:g}時間の作業を、1件{minutes:g}分として{count:,.1f}件と数えます。"
    ),
    "Time per unit today from the catalog baseline: {minutes:g} minutes ({source}).": (
        "現在の1件あたりの時間はカタログの基準値：{minutes:g}分（{source}）。"
    ),
    "Time with AI from the catalog baseline: {minutes:g} minutes ({source}).": (
        "AI導入後の時間はカタログの基準値から{minutes:g}分（{source}）。"
    ),
    "Time with AI assumed to be a quarter of today's: {minutes:g} minutes.": (
        "AI導入後の時間は現在の4分の1（{minutes:g}分）と仮定します。"
    ),
    "Outsourcing price from the catalog baseline ({source}).": "外注費はカタログの基準値（{source}）。",
    "The tool is priced at a typical month's use ({use}): the question counts {words}, not {counted}.": (
        "ツールの料金は一般的な月の利用量（{use}）で見積もっています。"
    ),
    "I could not work that out: {problems}.": "計算できませんでした：{problems}。",
    "Some numbers were given as ranges: every figure is given for the low and the high ends.": (
        "幅のある数字は、少ない場合と多い場合の両方で計算しています。"
    ),
    "this task": "この業務",
    "count|{quantity} {words}": "{quantity}{words}",
    "count|{low}–{high} {words}": "{low}〜{high}{words}",
    "count|{low}–{high}": "{low}〜{high}件",
    "the work outsourced": "外注分",
    "What is paid outside a month is today's cost, so this is the most AI could save: "
    "the staff time to run the tool and check its work is not counted. Give the volume "
    "and the minutes per item with AI to count it.": (
        "外注費の月額を現在のコストとしているため、これは削減額の上限です。AIツールを使う・確認する社内の時間は"
        "含みません。件数とAI導入後の1件あたりの時間があれば、それも計算します。"
    ),
    "What is paid outside a month ÷ {monthly:,.1f} a month = the price per unit.": (
        "外注費の月額÷月{monthly:,.1f}件を1件あたりの外注費としています。"
    ),
    "Before I work this out: how long does each of the {count} take today, and with AI? The catalog's time is "
    "per {unit}, which is not what you count, so I would rather ask than guess.\n"
    'Ask again with the minutes or hours per item (for example "30 minutes each, 10 with AI").': (
        "計算の前に確認させてください：{count}の1件あたり、今どのくらいの時間がかかっていて、AIでどのくらいになりそうですか？"
        "カタログの時間は「{unit}」あたりのため、推測では計算しません。\n"
        "1件あたりの時間を添えて聞き直してください（例：「1件30分、AIで10分」）。"
    ),
    "Before I work this out: each takes {after:g} minutes with AI, but how long does each take today? The "
    "saving is the difference, so I would rather ask than guess.\n"
    "Ask again with today's minutes or hours per item (for example \"{today:g} minutes each today, {after:g} "
    'with AI").': (
        "計算の前に確認させてください：AIで1件{after:g}分とのことですが、今は1件どのくらいかかっていますか？"
        "削減できるのはその差なので、推測では計算しません。\n"
        "今の1件あたりの時間を添えて聞き直してください（例：「今1件{today:g}分、AIで{after:g}分」）。"
    ),
    "{after:g} minutes with AI": "AIで1件{after:g}分",
    # cli.inventory
    "Workspace: {label} (its company profile picks the suggestion)": "ワークスペース：{label}（提案は会社プロフィールから）",
}
