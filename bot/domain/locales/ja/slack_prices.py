"""Japanese messages of the price watch in Slack: bot/slack/price_watch_blocks.py, listeners/prices.py and
the price form (the English message → its Japanese)."""

MESSAGES: dict[str, str] = {
    "The tools whose prices moved follow in the thread: record what you confirm.": (
        "価格が動いたツールはこのスレッドに続きます。確かめた価格を記録してください。"
    ),
    "{count} more are in `advisor prices check`.": "ほか{count}件は `advisor prices check` で確認できます。",
    "Pages not read: {tools}.": "読めなかったページ：{tools}。",
    "{name}: the pricing page shows other prices": "{name}：料金ページの価格が変わっています",
    "Record this price": "この価格を記録",
    "Dismiss": "見送る",
    "Recorded by <@{user}>: {plan} {price} {unit}. It counts from the next inventory.": (
        "<@{user}>が記録：{plan} {price}（{unit}）。次の棚卸しから反映されます。"
    ),
    "Plan": "プラン",
    "price unit|Per": "単位",
    "Price": "価格",
    "The price as the page shows it, for the unit below; an annual plan per month.": (
        "ページに載っている価格（下の単位あたり。年払いのプランは月あたり）"
    ),
    "Source page": "出典ページ",
    "Record a price": "価格を記録",
    "Record": "記録",
    "That tool is no longer in the catalog.": "そのツールはもうカタログにありません。",
    "Slack did not open the form in time; please press the button again.": (
        "Slackがフォームを時間内に開けませんでした。もう一度ボタンを押してください。"
    ),
    "That proposal is no longer open.": "この提案はもう受け付けていません。",
    "Dismissed by <@{user}>: not proposed again while the page shows these prices.": (
        "<@{user}>が見送り：ページの価格がこのままの間は再提案しません。"
    ),
    "'{text}' is not a price; write a number like 1480 or 16.99": (
        "「{text}」は価格として読めません。1480 や 16.99 のように数字で書いてください"
    ),
    "give a price above zero and at most {most:,.0f}": "0より大きく{most:,.0f}以下の価格を入れてください",
    "choose the plan": "プランを選んでください",
    "choose the currency": "通貨を選んでください",
    "choose what the price is for": "価格の単位を選んでください",
}
