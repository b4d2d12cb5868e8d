"""The use cases, between the adapters (`bot.cli`, `bot.slack`) and the pure core (`bot.domain`).

- `service`: `Advisor`, the one entry from a question to an answer: classify, answer at 0 tokens
  where the catalog, the calculator, the plan, the inventory or the budget can, else route to a model;
- `calculator_answers`: a savings question's answer from what the reader read;
- `model_reading`: a model reading a question's numbers where the reader could read them two ways;
- `open_questions`: the model pipeline (reserve, call, settle) and the question log's outcome;
- `inventories`: the monthly inventory and the prices people saw;
- `loop_semaphore`: a semaphore per event loop.
"""
