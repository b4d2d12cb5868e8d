"""Japanese messages of bot/text/ (the English message → its Japanese)."""

MESSAGES: dict[str, str] = {
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
}
