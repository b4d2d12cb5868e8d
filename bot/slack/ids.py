"""The names Slack sends back: action ids, callback ids and the block ids of modal inputs.

Views are built in `views.py`, read back in `arguments.py` and routed in the listeners;
one list keeps the three in step.
"""

from __future__ import annotations

# --- buttons (block_actions)
DEEPER_ANSWER = "deeper_answer"  # value: the question id to re-ask one tier up
SHARE_SAVINGS = "share_savings"  # value: the scenario as JSON
CLARIFY_CHOICE = "clarify_choice"  # + "_N": the Nth reading of an unclear number; value: the question read that way
OPEN_BUDGETS = "open_budgets_modal"  # App Home, admins only
OPEN_PROFILE = "open_profile_modal"  # App Home, admins only
FEEDBACK = "answer_feedback"  # feedback_buttons under an answer; value: "good N" or "bad N", N the question id

# --- modals (view_submission callback ids)
SAVINGS_MODAL = "savings_modal"
PROFILE_MODAL = "profile_modal"
BUDGETS_MODAL = "budgets_modal"

# --- inputs of the savings modal (block id == action id)
SAVINGS_TASK = "task"
SAVINGS_VOLUME = "volume"
SAVINGS_PERIOD = "period"
SAVINGS_MINUTES_BEFORE = "minutes_before"
SAVINGS_MINUTES_AFTER = "minutes_after"
SAVINGS_HOURLY_COST = "hourly_cost"
SAVINGS_OUTSOURCING = "outsourcing_unit_cost"
SAVINGS_TOOL_COST = "tool_cost_monthly"

# --- inputs of the company-profile modal
PROFILE_NAME = "company_name"
PROFILE_HOURLY_COST = "hourly_cost"
PROFILE_CURRENCY = "currency"
PROFILE_LANGUAGE = "language"
PROFILE_TASKS = "tasks"  # one task a line

# --- inputs of the budgets modal
BUDGET_WORKSPACE_TOKENS = "workspace_tokens"
BUDGET_CHANNEL = "channel"
BUDGET_CHANNEL_TOKENS = "channel_tokens"
BUDGET_USER = "user"
BUDGET_USER_TOKENS = "user_tokens"
BUDGET_WARN_AT = "warn_at"
BUDGET_POLICY = "policy"

# --- the monthly price watch's proposals to admins
PRICE_RECORD = "price_watch_record"  # value: {"tool", "amount", "currency"} as JSON: opens PRICE_MODAL filled in
PRICE_DISMISS = "price_watch_dismiss"  # value: {"tool", "signature"} as JSON
PRICE_MODAL = "price_modal"
PRICE_PLAN = "plan"
PRICE_AMOUNT = "amount"
PRICE_CURRENCY = "currency"
PRICE_UNIT = "unit"
PRICE_SOURCE = "source_url"
