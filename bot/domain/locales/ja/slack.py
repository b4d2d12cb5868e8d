"""Japanese messages of bot/slack/ (the English message → its Japanese)."""

MESSAGES: dict[str, str] = {
    "'{text}' is not a number: write figures like 20, 1.5 or 3,000": (
        "「{text}」は数として読めません。20、1.5、3,000 のように書いてください"
    ),
    # feedback on answers
    "*How people rated the answers* (by model tier, with what the tier cost; by path)": (
        "*回答への評価*（モデルの段階別と費用、回答の経路別）"
    ),
    "Good answer": "役に立った",
    "Not helpful": "役に立たなかった",
    "Thank you: noted as a good answer.": "ありがとうございます。役に立った回答として記録しました。",
    "Thank you: noted as not helpful. A _Deeper answer_ asks a stronger model.": (
        "ありがとうございます。役に立たなかった回答として記録しました。「もっと詳しく」で上位のモデルに聞き直せます。"
    ),
    # app: what the edge refuses, and a listener that failed
    "That is {length:,} characters after {command}; a command takes at most {most:,}. "
    "Shorten it, or ask in a message to the app.": (
        "{command} のあとが{length:,}文字あります。コマンドは{most:,}文字までです。短くするか、アプリへのメッセージで聞いてください。"
    ),
    "Something went wrong with that, and nothing was changed. Please try again.": (
        "うまく処理できませんでした。何も変更していません。もう一度お試しください。"
    ),
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
    "`/ai-inventory` shows what got cheaper this month. Admins record a price they saw: `/ai-inventory update "
    "TOOL_ID PRICE CURRENCY/UNIT [SOURCE_URL]`, e.g. `/ai-inventory update chatgpt-plus 20 USD/seat "
    "https://help.openai.com/en/articles/6950777`": (
        "`/ai-inventory` で今月安くなったものを表示します。管理者は見つけた価格を記録できます：`/ai-inventory update "
        "ツールID 価格 通貨/単位 [出典URL]`（例：`/ai-inventory update chatgpt-plus 20 USD/seat`）"
    ),
    "Recorded {item} ({plan}): {price} {unit}, seen {day}.": (
        "{item}（{plan}）の価格 {price} {unit} を記録しました（{day}）。"
    ),
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
    "At the limit, questions are now handled by the `{policy}` policy.": (
        "上限に達したときの方針を `{policy}` にしました。"
    ),
    "Removed the limit of {scope}.": "{scope} の上限を削除しました。",
    "{scope} had no limit.": "{scope} には上限がありません。",
    "The monthly limit of {scope} is now {tokens:,} tokens.": "{scope} の月間上限を {tokens:,} トークンにしました。",
    "The monthly limit of {scope} is now {tokens:,} tokens and ${money:,.2f}.": (
        "{scope} の月間上限を {tokens:,} トークン and ${money:,.2f}にしました。"
    ),
    # listeners/submissions
    "Company profile saved.": "会社プロフィールを保存しました。",
    "Only the workspace's admins and owners can change this.": (
        "変更できるのはワークスペースの管理者とオーナーだけです。"
    ),
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
    "Write $ for US dollars; otherwise the workspace's currency.": (
        "米ドルなら $ を付けてください。付けなければワークスペースの通貨です。"
    ),
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
    "proposals, 20/month, 300 min, 60 min\njob listings, 10/year, outsourced 30000-50000": (
        "提案書, 月20件, 300分, 60分\n求人原稿, 年10件, 外注 30000-50000"
    ),
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
    "No company profile is stored yet, so this is the plan for a typical small business. Admins can enter your own "
    "tasks with `/ai-plan edit`.": (
        "会社プロフィールが未登録のため、一般的な中小企業の計画です。管理者は `/ai-plan edit` "
        "で自社の業務を登録できます。"
    ),
    "None of these tasks saves money with today's tools.": "現在のツールでは、どの業務でも削減効果が出ません。",
    "*Tasks ranked by net monthly savings*": "*月あたりの純削減額の順*",
    "no catalog tool": "該当ツールなし",
    "Only the workspace's admins and owners can change budgets.": (
        "予算を変更できるのはワークスペースの管理者とオーナーだけです。"
    ),
    "Change with: ": "変更：",
    "Shared by <@{user}>": "<@{user}> さんが共有",
    "AI adoption plan: {company}": "AI導入計画：{company}",
    "*Together:* {hours:,.1f} h of staff time freed and {total} saved a month (at least). Put the freed time into "
    "what only people can do: customers, judgement, new work.": (
        "*合計：* 月{hours:,.1f}時間の作業時間と月{total}以上を削減。浮いた時間は顧客との関係づくりや判断など、"
        "人にしかできない仕事へ。"
    ),
    "*Start with: {label}*\n"
    "It takes {hours:,.1f} h of staff time a month today, and AI would save {savings} a month{tool}.": (
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
    "Everyone is warned at {warn:.0%} of a limit. When a limit cannot pay for a question, the cheapest weaker model "
    "the budget still covers answers it; only when none fits is it declined.": (
        "上限の{warn:.0%}で警告します。予算が足りないときは、予算内で使える、"
        "より安いモデルが答えます（どれも使えなければお断りします）。"
    ),
    "Everyone is warned at {warn:.0%} of a limit. When a limit cannot pay for a question, it is declined; answers "
    "from the catalog and the calculator keep working at 0 tokens.": (
        "上限の{warn:.0%}で警告します。予算が足りない質問はお断りします。"
        "カタログや計算機の回答は0トークンで引き続き使えます。"
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
    "_Deeper answer_ asks a stronger model; it counts against the budget.": (
        "「もっと詳しく」はより高性能なモデルで答え直します（予算を消費します）。"
    ),
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
    "Edit the models file (ADVISOR_MODELS); `advisor models` lists them all.": (
        "モデル設定ファイル（ADVISOR_MODELS）を編集してください。`advisor models` で一覧を確認できます。"
    ),
    "Questions": "質問",
    "Answered at 0 tokens": "0トークンで回答",
    "Deeper answers asked for": "「もっと詳しく」の利用",
    "Spent on models": "モデルの利用料",
    "Savings people computed": "計算された削減効果",
    "None yet: try `/ai-savings`": "まだありません（`/ai-savings` でどうぞ）",
    "No AI use yet this month.": "今月はまだ利用がありません。",
    "*How to use*\n"
    "• Mention me in a channel, or send me a direct message, with a question about AI tools at work.\n"
    "• `/ai-inventory`: the cheapest off-the-shelf tool per task this month\n"
    "• `/ai-savings`: what moving a task to AI would save\n"
    "• `/ai-plan`: where your company should start\n"
    "• `/ai-budget`: this month's token budgets\n"
    "Questions the catalog or the calculator can answer cost 0 tokens.": (
        "*使い方*\n"
        "• チャンネルでメンションするか、ダイレクトメッセージで、仕事へのAI導入について質問してください。\n"
        "• `/ai-inventory`：今月の業務別・最安の既製ツール\n"
        "• `/ai-savings`：業務をAIに移したときの削減効果\n"
        "• `/ai-plan`：自社はどこから始めるべきか\n"
        "• `/ai-budget`：今月のトークン予算\n"
        "カタログや計算機で答えられる質問は0トークンです。"
    ),
    "{count:,} calculations · {total} a month": "{count:,}件 · 月{total}",
    "{tokens:,} tokens": "{tokens:,}トークン",
    # argument_values
    "'{text}' is negative; a limit cannot be below zero": "「{text}」はマイナスです。上限は0以上にしてください",
    "'{text}' is not a number of tokens": "「{text}」はトークン数として読めません",
    "'{text}' is more than {limit:,} tokens a month": "「{text}」は月{limit:,}トークンを超えています",
    "'{text}' is not an amount of US dollars such as $20": "「{text}」は米ドルの金額として読めません（例：$20）",
    "give a percent from 1 to 100, such as 80": "1〜100のパーセントを書いてください（例：80）",
    "'{text}' is not a whole percent from 1 to 100, such as 80": (
        "「{text}」は1〜100の整数のパーセントではありません（例：80）"
    ),
    "say whether '{times}' is in hours or minutes, like 5h -> 1h": (
        "「{times}」が時間か分か分かりません（例：5時間→1時間、300分→60分）"
    ),
    "the amounts mix yen and dollars; write them all in one currency": (
        "円とドルが混在しています。金額は同じ通貨で書いてください"
    ),
    "'{text}' is not an amount of money, like 3,000, ¥3,000 or $40": (
        "「{text}」は金額として読めません（例：3,000、¥3,000、$40）"
    ),
    "the number of units must be more than zero": "件数は0より大きくしてください",
    "the time with AI ({after} min) is longer than today's ({before} min); it should be shorter": (
        "AI導入後の時間（{after}分）が現在の時間（{before}分）より長くなっています"
    ),
    "give how many, like 20": "件数を入力してください（例：20）",
    "'{text}' is not a number, like 20": "「{text}」は数として読めません（例：20）",
    "'{text}' is not a time: write minutes like 300, or hours like 5h": (
        "「{text}」は時間として読めません。300（分）や 5h のように書いてください"
    ),
    "'{text}' is a range; give one amount": "「{text}」は範囲です。金額を1つにしてください",
    # arguments
    "Usage:\n"
    "• `/ai-budget` (or `show`): this month's limits and use\n"
    "• `/ai-budget set workspace 2,000,000`: tokens a month for the whole workspace\n"
    "• `/ai-budget set #sales 200k` or `set @taro 50k $5`: a channel or a person (pick them from Slack's list), with "
    "an optional dollar limit\n"
    "• `/ai-budget set here 100k` / `set me 50k`: this channel / yourself\n"
    "• `/ai-budget remove #sales`: drop a limit\n"
    "• `/ai-budget threshold 80`: warn at 80% of a limit\n"
    "• `/ai-budget policy block` or `policy downgrade`: at the limit, stop or use a cheaper model\n"
    "Token amounts: 200000, 200,000, 200k, 2m or 20万; 0 stops spending.": (
        "使い方：\n"
        "• `/ai-budget`（または `show`）：今月の上限と使用量\n"
        "• `/ai-budget set workspace 2,000,000`：ワークスペース全体の月間トークン数\n"
        "• `/ai-budget set #sales 200k` / `set @taro 50k $5`：チャンネルや人ごと（Slackの候補から選択）、"
        "ドルの上限も任意で\n"
        "• `/ai-budget set here 100k` / `set me 50k`：このチャンネル／自分\n"
        "• `/ai-budget remove #sales`：上限を削除\n"
        "• `/ai-budget threshold 80`：上限の80%で警告\n"
        "• `/ai-budget policy block` / `policy downgrade`：上限到達時に止めるか、安いモデルに切り替えるか\n"
        "トークン数：200000、200,000、200k、2m、20万。0にすると利用を止めます。"
    ),
    "'{word}' is not a budget command": "「{word}」は予算のコマンドではありません",
    "'{extra}' after '{word}' was not expected": "「{word}」の後の「{extra}」は読めません",
    "say whose limit: workspace, here, me, a #channel or an @person": (
        "対象を指定してください：workspace、here、me、#チャンネル、@メンバー"
    ),
    "Slack did not recognise '{word}' as a channel: type # and pick the channel from Slack's list": (
        "「{word}」はチャンネルとして認識されませんでした。# を入力してSlackの候補から選んでください"
    ),
    "Slack did not recognise '{word}' as a person: type @ and pick them from Slack's list, or write me": (
        "「{word}」はメンバーとして認識されませんでした。@ を入力してSlackの候補から選ぶか、me と書いてください"
    ),
    "'{word}' is not one of workspace, here, me, a #channel or an @person": (
        "「{word}」は workspace、here、me、#チャンネル、@メンバー のいずれでもありません"
    ),
    "give the tokens a month after '{scope}', like set {scope} 2000000": (
        "「{scope}」の後に月間トークン数を書いてください（例：set {scope} 2000000）"
    ),
    "say what happens at the limit: block or downgrade": "上限に達したときの動作を書いてください：block か downgrade",
    "'{word}' is not a policy: write block or downgrade": (
        "「{word}」はポリシーではありません：block か downgrade と書いてください"
    ),
    "pick who these tokens are for": "このトークン数の対象を選んでください",
    "give the tokens a month, like 200000": "月間トークン数を入力してください（例：200000）",
    "choose block or downgrade": "block か downgrade を選んでください",
    # savings_arguments
    "Usage: `/ai-savings` with the task, how many, the time per unit before -> after and the staff cost an hour:\n"
    "• `/ai-savings 20 proposals/month 5h -> 1h @3000`\n"
    "• `/ai-savings 20 meetings a week 60min -> 5min @$40 tool 3000`\n"
    "• `/ai-savings 10 job listings/year outsourced 30000-50000`\n"
    "Periods: /day (a working day), /week, /month, /year. `@` is the staff cost an hour ($ for dollars); `tool` is "
    "what the AI tool costs a month; `outsourced` is an outside supplier's price per unit.": (
        "使い方：`/ai-savings` の後に、業務、件数、1件あたりの時間（導入前→導入後）、時給を書きます：\n"
        "• `/ai-savings 提案書 月20件 5時間→1時間 時給3000円`\n"
        "• `/ai-savings 議事録 週5件 60分→5分 @3000 ツール 3000`\n"
        "• `/ai-savings 求人原稿 年10件 外注 30000-50000`\n"
        "期間：1日（営業日）・週・月・年（/day、/week、/month、/year）。`@` または `時給` は1時間あたりの人件費（$ "
        "を付けるとドル）、`ツール` はAIツールの月額、`外注` は外注先の1件あたりの価格です。"
    ),
    "'{text}' could not be read": "「{text}」が読み取れません",
    "say how many a day, week, month or year, like 20/month ('{text}' has no period)": (
        "1日・週・月・年あたりの件数を書いてください（例：月20件。「{text}」に期間がありません）"
    ),
    "the price is per word or character: give the words or characters a month, not '{text}'": (
        "単価が文字単位です：「{text}」ではなく月の文字数を書いてください"
    ),
    "say what '{text}' is: {readings}": "「{text}」の意味を書いてください：{readings}",
    ", or ": "、",
    "say how many a day, week, month or year, like 20/month": (
        "1日・週・月・年あたりの件数を書いてください（例：月20件、20/month）"
    ),
    "task|unit": "1件",
    "give the time per {unit} before and after, like 5h -> 1h (or the outsourcing price, like outsourced 30000-50000)": (
        "{unit}あたりの時間を導入前→導入後で書いてください（例：5時間→1時間）。外注なら外注費を（例：外注 30000-50000）"
    ),
    "give today's minutes per unit (like 300 or 5h), or an outsourcing price below": (
        "現在の1件あたりの時間（例：300、5h）か、下の外注費を入力してください"
    ),
    # profile_arguments
    "give the staff cost an hour, more than zero, like 3,000": (
        "1時間あたりの人件費を0より大きい数で入力してください（例：3,000）"
    ),
    "'{text}' is not in {currency}, the profile's currency": (
        "「{text}」はプロフィールの通貨（{currency}）ではありません"
    ),
    "add at least one task, one a line, like: proposals, 20/month, 300 min, 60 min": (
        "業務を1行に1つ書いてください（例：提案書, 月20件, 300分, 60分）"
    ),
    "give how many after the task, like proposals, 20/month": "業務名の後に件数を書いてください（例：提案書, 月20件）",
    "give the minutes per unit today (300 min) or an outsourcing price (outsourced 5000-30000)": (
        "現在の1件あたりの時間（300分）か外注費（外注 5000-30000）を書いてください"
    ),
    "line {number}: {problem}": "{number}行目：{problem}",
    "'{text}' is not how many a day, week, month or year, like 20/month": (
        "「{text}」は1日・週・月・年あたりの件数として読めません（例：月20件）"
    ),
    "'{text}' is not a time (300 min), an outsourcing price (outsourced 5000-30000) or people (3 people)": (
        "「{text}」は時間（300分）、外注費（外注 5000-30000）、人数（3人）のどれとしても読めません"
    ),
    "'{text}' is one time too many: give today's time, then the time with AI": (
        "「{text}」は時間が多すぎます。現在の時間と導入後の時間の2つまでです"
    ),
    "{minutes} min": "{minutes}分",
    "after {time}": "導入後{time}",
    "outsourced {price}": "外注 {price}",
    "outsourced {spend}/month": "外注 月{spend}",
    "{people} people": "{people}人",
    "{volume}/day": "1日{volume}件",
    "{volume}/week": "週{volume}件",
    "{volume}/month": "月{volume}件",
    "{volume}/year": "年{volume}件",
}
