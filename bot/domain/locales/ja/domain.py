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
}
