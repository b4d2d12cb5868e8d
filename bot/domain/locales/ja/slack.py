"""Japanese messages of bot/slack/ (the English message → its Japanese)."""

MESSAGES: dict[str, str] = {
    # inventory_blocks
    "Prices from the catalog's dated history and the prices admins recorded (`/ai-inventory update`) · 0 tokens": (
        "価格はカタログの履歴と管理者が記録した価格（`/ai-inventory update`）から · 0トークン"
    ),
    # replies
    "Savings: {label}": "削減効果：{label}",
    "this task": "この業務",
    # listeners/actions
    "<@{user}> chose: {label}": "<@{user}> さんの選択：{label}",
    "That result can no longer be shared; run /ai-savings again.": (
        "この結果は共有できません。もう一度 /ai-savings を実行してください。"
    ),
    "I could not post in this channel. Invite me first (`/invite @AI Adoption Advisor`).": (
        "このチャンネルに投稿できませんでした。先にアプリを招待してください（`/invite @AI Adoption Advisor`）。"
    ),
    "<@{user}> asked for a deeper answer.": "<@{user}> さんがより詳しい回答を依頼しました。",
    # listeners/commands
    "'{text}' is not something /ai-plan knows.": "「{text}」は /ai-plan では使えません。",
    "`/ai-plan` shows where your company should start; admins: `/ai-plan edit` edits the company profile.": (
        "`/ai-plan` で導入計画を表示します。管理者は `/ai-plan edit` で会社プロフィールを編集できます。"
    ),
    "Your adoption plan": "導入計画",
    "'{text}' is not something /ai-inventory knows.": "「{text}」は /ai-inventory では使えません。",
    "`/ai-inventory` shows what got cheaper this month. Admins record a price they saw: "
    "`/ai-inventory update TOOL_ID PRICE CURRENCY/UNIT [SOURCE_URL]`, e.g. "
    "`/ai-inventory update deepl-api 4.99 USD/month https://www.deepl.com/pro`": (
        "`/ai-inventory` で今月安くなったものを表示します。管理者は見つけた価格を記録できます："
        "`/ai-inventory update ツールID 価格 通貨/単位 [出典URL]`（例：`/ai-inventory update deepl-api 4.99 USD/month`）"
    ),
    "Recorded {item} ({plan}): {price} {unit}, seen {day}.": "{item}（{plan}）の価格 {price} {unit} を記録しました（{day}）。",
    "Slack did not open the form in time; please run the command again.": (
        "フォームを開けませんでした。もう一度コマンドを実行してください。"
    ),
    "Only the workspace's admins and owners can change the company profile; nothing was changed.": (
        "会社プロフィールを変更できるのはワークスペースの管理者とオーナーだけです。変更はしていません。"
    ),
    "Only the workspace's admins and owners can change budgets; nothing was changed.": (
        "予算を変更できるのはワークスペースの管理者とオーナーだけです。変更はしていません。"
    ),
    "Only the workspace's admins and owners can change recorded prices; nothing was changed.": (
        "記録価格を変更できるのはワークスペースの管理者とオーナーだけです。変更はしていません。"
    ),
    "AI budget for {month}": "{month}のAI予算",
    "Warnings now come at {percent}% of a budget.": "予算の{percent}%で警告するよう設定しました。",
    "At the limit, questions are now handled by the `{policy}` policy.": "上限に達したときの方針を `{policy}` にしました。",
    "Removed the limit of {scope}.": "{scope} の上限を削除しました。",
    "{scope} had no limit.": "{scope} には上限がありません。",
    "The monthly limit of {scope} is now {tokens:,} tokens.": "{scope} の月間上限を {tokens:,} トークンにしました。",
    "The monthly limit of {scope} is now {tokens:,} tokens and ${money:,.2f}.": (
        "{scope} の月間上限を {tokens:,} トークン and ${money:,.2f}にしました。"
    ),
    # listeners/submissions
    "Company profile saved.": "会社プロフィールを保存しました。",
    "Only the workspace's admins and owners can change this.": "変更できるのはワークスペースの管理者とオーナーだけです。",
    # views
    "Task": "業務",
    "How many": "件数",
    "Per": "期間あたり",
    "Minutes per unit today": "現在の1件あたりの時間（分）",
    "300, or 5h": "300、または 5h",
    "Leave empty if the task is outsourced today.": "外注している場合は空欄で構いません。",
    "Minutes per unit with AI": "AI導入後の1件あたりの時間（分）",
    "60, or 1h": "60、または 1h",
    "Staff cost per hour": "1時間あたりの人件費",
    "3,000 or $40": "3,000 または $40",
    "Write $ for US dollars; otherwise the workspace's currency.": "米ドルなら $ を付けてください。付けなければワークスペースの通貨です。",
    "Outsourcing price per unit": "外注費（1件あたり）",
    "5,000, or a range: 30,000-50,000": "5,000、または範囲：30,000-50,000",
    "AI tool cost a month": "AIツールの月額",
    "Leave empty for a free tier.": "無料プランなら空欄で構いません。",
    "Savings calculator": "削減効果の試算",
    "Calculate": "計算する",
    "Yen (JPY)": "円（JPY）",
    "US dollars (USD)": "米ドル（USD）",
    "Japanese": "日本語",
    "English": "英語",
    "proposals, 20/month, 300 min, 60 min\njob listings, 10/year, outsourced 30000-50000": "提案書, 月20件, 300分, 60分\n求人原稿, 年10件, 外注 30000-50000",
    "Company name": "会社名",
    "Currency": "通貨",
    "Language your AI tools must handle": "AIツールが対応すべき言語",
    "Tasks, one a line": "業務（1行に1つ）",
    "Company profile": "会社プロフィール",
    "Save": "保存",
    "200,000, 200k or 2m": "200,000、200k、20万",
    "Stop: decline the question": "停止：質問を受け付けない",
    "Downgrade: answer with a cheaper model": "切り替え：安いモデルで回答する",
    "Workspace tokens a month": "ワークスペース全体の月間トークン数",
    "0 stops all spending.": "0にすると利用を止めます。",
    "Channel": "チャンネル",
    "Pick a channel": "チャンネルを選択",
    "That channel's tokens a month": "そのチャンネルの月間トークン数",
    "Person": "メンバー",
    "Pick a person": "メンバーを選択",
    "That person's tokens a month": "そのメンバーの月間トークン数",
    "Warn at (% of a limit)": "警告する使用率（%）",
    "At the limit": "上限に達したとき",
    "AI budgets": "AI予算",
    "Cancel": "キャンセル",
    "Task, how many, minutes today, minutes with AI (optional); or the outsourcing price. For example:\n{example}": (
        "業務名、件数、現在の時間、AI導入後の時間（任意）。外注している場合は外注費。例：\n{example}"
    ),
    "a day": "1日",
    "a week": "週",
    "a month": "月",
    "a year": "年",
    # report_blocks
    "To see this in money, add your staff cost per hour.": "金額で見るには、時給を添えてください。",
    "*Assumptions*\n": "*前提*\n",
    "Share in channel": "チャンネルに共有",
    "Cost a month: today → with AI": "月のコスト：現在 → AI導入後",
    "Savings a month": "月の削減額",
    "Savings a year": "年の削減額",
    " months": "か月",
    "Payback": "回収期間",
    "Where to start with AI": "AI導入はここから",
    "No company profile is stored yet, so this is the plan for a typical small business. Admins can enter your own tasks with `/ai-plan edit`.": "会社プロフィールが未登録のため、一般的な中小企業の計画です。管理者は `/ai-plan edit` で自社の業務を登録できます。",
    "None of these tasks saves money with today's tools.": "現在のツールでは、どの業務でも削減効果が出ません。",
    "*Tasks ranked by net monthly savings*": "*月あたりの純削減額の順*",
    "no catalog tool": "該当ツールなし",
    "Only the workspace's admins and owners can change budgets.": "予算を変更できるのはワークスペースの管理者とオーナーだけです。",
    "Change with: ": "変更：",
    "Shared by <@{user}>": "<@{user}> さんが共有",
    "AI adoption plan: {company}": "AI導入計画：{company}",
    "*Together:* {hours:,.1f} h of staff time freed and {total} saved a month (at least). "
    "Put the freed time into what only people can do: customers, judgement, new work.": (
        "*合計：* 月{hours:,.1f}時間の作業時間と月{total}以上を削減。"
        "浮いた時間は顧客との関係づくりや判断など、人にしかできない仕事へ。"
    ),
    "*Start with: {label}*\nIt takes {hours:,.1f} h of staff time a month today, "
    "and AI would save {savings} a month{tool}.": (
        "*まずはここから：{label}*\n現在 月{hours:,.1f}時間かかっており、AIで月{savings}削減できます{tool}。"
    ),
    " with {tool}": "（{tool}）",
    "{rank}. *{label}* — {savings} a month · {hours} · {tool}": "{rank}. *{label}* — 月{savings} · {hours} · {tool}",
    "…and {hidden} more tasks that save less.": "…ほか{hidden}件（削減額はより小さい）",
    "{title}\n{spent:,} tokens used · {money} · no limit": "{title}\n{spent:,}トークン使用 · {money} · 上限なし",
    " (limit {money})": "（上限 {money}）",
    "{title}\n{bar}\n{spent:,} of {limit:,} tokens · {left:,} left · {money} spent{cap}": (
        "{title}\n{bar}\n{limit:,}トークン中{spent:,}使用 · 残り{left:,} · {money}{cap}"
    ),
    "Everyone is warned at {warn:.0%} of a limit. When a limit cannot pay for a question, "
    "the cheapest weaker model the budget still covers answers it; only when none fits is it declined.": (
        "上限の{warn:.0%}で警告します。予算が足りないときは、予算内で使える、より安いモデルが答えます（どれも使えなければお断りします）。"
    ),
    "Everyone is warned at {warn:.0%} of a limit. When a limit cannot pay for a question, it is "
    "declined; answers from the catalog and the calculator keep working at 0 tokens.": (
        "上限の{warn:.0%}で警告します。予算が足りない質問はお断りします。カタログや計算機の回答は0トークンで引き続き使えます。"
    ),
    # blocks
    "From {source} · numbers read by {model} · {tokens:,} tokens · {money}": (
        "{source}から回答 · 数字の読み取り：{model} · {tokens:,}トークン · {money}"
    ),
    "From {source} · numbers read by {model}, not settled · {tokens:,} tokens · {money}": (
        "{source}から回答 · 数字の読み取り：{model}（決まらず） · {tokens:,}トークン · {money}"
    ),
    "From {source} · 0 tokens": "{source}から回答 · 0トークン",
    "{model} · {tokens:,} tokens · {money}": "{model} · {tokens:,}トークン · {money}",
    "No model called · 0 tokens": "モデル呼び出しなし · 0トークン",
    " · catalog: ": " · カタログ: ",
    "_Deeper answer_ asks a stronger model; it counts against the budget.": "「もっと詳しく」はより高性能なモデルで答え直します（予算を消費します）。",
    "Deeper answer": "もっと詳しく",
    "Thinking…": "考えています…",
    "Sorry — {failure} Please try again in a minute; if it keeps happening, tell an admin.": (
        "申し訳ありません。{failure}少し時間をおいてもう一度お試しください。続く場合は管理者にお知らせください。"
    ),
    "I could not answer your question just now.": "ただいまご質問にお答えできませんでした。",
    "I could not work out the savings just now.": "ただいま削減効果を計算できませんでした。",
    "I could not put the adoption plan together just now.": "ただいま導入計画を作成できませんでした。",
    "I could not read the budgets just now.": "ただいま予算を読み込めませんでした。",
    "I could not take the inventory just now.": "ただいまツールの棚卸しができませんでした。",
    "I was restarted before I could finish this answer.": "再起動のため、この回答を最後までお届けできませんでした。",
    "Something went wrong on my side.": "こちらで問題が発生しました。",
    # home
    "AI at work, {month}": "{month}のAI活用",
    "Top channels": "よく使うチャンネル",
    "Top people": "よく使う人",
    "Edit budgets": "予算を編集",
    "Edit company profile": "会社プロフィールを編集",
    "Admins can change the budgets and the company profile.": "予算と会社プロフィールは管理者が変更できます。",
    ":warning: *Models to replace*": ":warning: *入れ替えが必要なモデル*",
    "Edit the models file (ADVISOR_MODELS); `advisor models` lists them all.": "モデル設定ファイル（ADVISOR_MODELS）を編集してください。`advisor models` で一覧を確認できます。",
    "Questions": "質問",
    "Answered at 0 tokens": "0トークンで回答",
    "Deeper answers asked for": "「もっと詳しく」の利用",
    "Spent on models": "モデルの利用料",
    "Savings people computed": "計算された削減効果",
    "None yet: try `/ai-savings`": "まだありません（`/ai-savings` でどうぞ）",
    "No AI use yet this month.": "今月はまだ利用がありません。",
    "*How to use*\n• Mention me in a channel, or send me a direct message, with a question about AI tools at work.\n• `/ai-inventory`: the cheapest off-the-shelf tool per task this month\n• `/ai-savings`: what moving a task to AI would save\n• `/ai-plan`: where your company should start\n• `/ai-budget`: this month's token budgets\nQuestions the catalog or the calculator can answer cost 0 tokens.": "*使い方*\n• チャンネルでメンションするか、ダイレクトメッセージで、仕事へのAI導入について質問してください。\n• `/ai-inventory`：今月の業務別・最安の既製ツール\n• `/ai-savings`：業務をAIに移したときの削減効果\n• `/ai-plan`：自社はどこから始めるべきか\n• `/ai-budget`：今月のトークン予算\nカタログや計算機で答えられる質問は0トークンです。",
    "{count:,} calculations · {total} a month": "{count:,}件 · 月{total}",
    "{tokens:,} tokens": "{tokens:,}トークン",
}
