"""What people read, in English and Japanese: answers, the reading of a question, the budget and the
inventory in words, validation errors in words, and the inventory chart. No I/O here: the adapters
(`bot.cli`, `bot.slack`) send what these build."""
