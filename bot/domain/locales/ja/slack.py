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
}
