"""On PostgreSQL, a model call's reserve and settle as functions in the database: one round trip each.

Every answered question reserves before its call and settles after it. As statements
sent one by one, with their BEGIN and COMMIT, the two took 16 round trips to the
database, each costing the app and the server more CPU than the statement itself, and
each holding the locks of the budget counters every question shares while the app
sent the next one. As functions they are one statement each, and the locks are held
for no longer than the database takes to run them.

`BudgetStore` calls them on PostgreSQL and runs the same steps itself on SQLite; the
store tests run both.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

RESERVE = """
CREATE FUNCTION advisor_reserve(
    new_id text, workspace text, question integer, budget_month text,
    kinds text[], scope_ids text[], scope_list json,
    hold_tokens bigint, hold_micro_usd bigint, default_workspace_tokens bigint,
    created timestamptz, expires timestamptz
) RETURNS integer LANGUAGE plpgsql AS $$
-- Hold the tokens and micro-dollars in every scope (given in lock order), all or none, and
-- record the reservation. 0 when held; else the place (from 1) of the first scope whose
-- limit cannot hold them, and nothing is held.
DECLARE
    place integer;
    blocked integer := 0;
    limit_tokens bigint;
    limit_micro_usd bigint;
BEGIN
    BEGIN
        FOR place IN 1 .. cardinality(kinds) LOOP
            SELECT l.monthly_tokens, round(l.monthly_money_usd * 1000000)
              INTO limit_tokens, limit_micro_usd
              FROM budget_limits l
             WHERE l.workspace_id = workspace AND l.scope_kind = kinds[place] AND l.scope_id = scope_ids[place];
            IF NOT FOUND THEN
                limit_tokens := CASE WHEN kinds[place] = 'workspace' THEN default_workspace_tokens END;
                limit_micro_usd := NULL;
            END IF;
            FOR attempt IN 1 .. 2 LOOP
                UPDATE budget_counters c
                   SET reserved_tokens = c.reserved_tokens + hold_tokens,
                       reserved_micro_usd = c.reserved_micro_usd + hold_micro_usd
                 WHERE c.workspace_id = workspace AND c.scope_kind = kinds[place]
                   AND c.scope_id = scope_ids[place] AND c.month = budget_month
                   AND (limit_tokens IS NULL OR c.used_tokens + c.reserved_tokens + hold_tokens <= limit_tokens)
                   AND (limit_micro_usd IS NULL
                        OR c.used_micro_usd + c.reserved_micro_usd + hold_micro_usd <= limit_micro_usd);
                EXIT WHEN FOUND;
                IF attempt = 2 THEN
                    blocked := place;
                    RAISE EXCEPTION 'scope % cannot hold the reservation', place;  -- undoes the holds so far
                END IF;
                -- The scope's first hold of the month: its counter is not there yet.
                INSERT INTO budget_counters (workspace_id, scope_kind, scope_id, month, reserved_tokens,
                                             used_tokens, reserved_micro_usd, used_micro_usd)
                VALUES (workspace, kinds[place], scope_ids[place], budget_month, 0, 0, 0, 0)
                ON CONFLICT DO NOTHING;
            END LOOP;
        END LOOP;
        INSERT INTO budget_reservations (id, workspace_id, question_id, month, scopes, tokens, micro_usd,
                                         status, created_at, expires_at)
        VALUES (new_id, workspace, question, budget_month, scope_list, hold_tokens, hold_micro_usd,
                'held', created, expires);
    EXCEPTION WHEN raise_exception THEN
        RETURN blocked;
    END;
    RETURN 0;
END
$$
"""

SETTLE = """
CREATE FUNCTION advisor_settle(
    settled_id text, spent_tokens bigint, spent_micro_usd bigint,
    prompt integer, completion integer, cost double precision, context jsonb, settled_at timestamptz
) RETURNS json LANGUAGE plpgsql AS $$
-- Replace the reservation's hold with the usage (only add the usage if its hold expired
-- already), write the ledger entry. The ledger's channel, user and question are the
-- context's where it has them, else the reservation's. Returns the reservation's status
-- before ("held" or "expired" when settled now), and when settled its workspace, month,
-- the workspace's policy, and each scope's counter after, with the scope's limit.
DECLARE
    taken budget_reservations%ROWTYPE;
    still_held boolean := true;
    scope json;
    counters json[] := '{}';
    counter json;
BEGIN
    UPDATE budget_reservations r SET status = 'settled'
     WHERE r.id = settled_id AND r.status = 'held' RETURNING * INTO taken;
    IF NOT FOUND THEN
        still_held := false;
        UPDATE budget_reservations r SET status = 'settled'
         WHERE r.id = settled_id AND r.status = 'expired' RETURNING * INTO taken;
        IF NOT FOUND THEN
            RETURN json_build_object(
                'status', (SELECT r.status FROM budget_reservations r WHERE r.id = settled_id), 'settled', false);
        END IF;
    END IF;
    FOR scope IN SELECT * FROM json_array_elements(taken.scopes) LOOP
        UPDATE budget_counters c
           SET reserved_tokens = c.reserved_tokens - CASE WHEN still_held THEN taken.tokens ELSE 0 END,
               reserved_micro_usd = c.reserved_micro_usd - CASE WHEN still_held THEN taken.micro_usd ELSE 0 END,
               used_tokens = c.used_tokens + spent_tokens,
               used_micro_usd = c.used_micro_usd + spent_micro_usd
         WHERE c.workspace_id = taken.workspace_id AND c.scope_kind = scope->>0 AND c.scope_id = scope->>1
           AND c.month = taken.month
        RETURNING json_build_object(
            'scope_kind', c.scope_kind, 'scope_id', c.scope_id,
            'used_tokens', c.used_tokens, 'reserved_tokens', c.reserved_tokens,
            'used_micro_usd', c.used_micro_usd, 'reserved_micro_usd', c.reserved_micro_usd,
            'limit', (SELECT json_build_object('monthly_tokens', l.monthly_tokens,
                                               'monthly_money_usd', l.monthly_money_usd)
                        FROM budget_limits l
                       WHERE l.workspace_id = c.workspace_id AND l.scope_kind = c.scope_kind
                         AND l.scope_id = c.scope_id))
        INTO STRICT counter;
        counters := counters || counter;
    END LOOP;
    INSERT INTO usage_ledger (created_at, month, workspace_id, channel_id, user_id, question_id, path, model,
                              prompt_tokens, completion_tokens, cost_usd)
    VALUES (
        settled_at, taken.month, taken.workspace_id,
        CASE WHEN context ? 'channel_id' THEN context->>'channel_id' ELSE (
            SELECT s->>1 FROM json_array_elements(taken.scopes) s WHERE s->>0 = 'channel' LIMIT 1) END,
        CASE WHEN context ? 'user_id' THEN context->>'user_id' ELSE (
            SELECT s->>1 FROM json_array_elements(taken.scopes) s WHERE s->>0 = 'user' LIMIT 1) END,
        CASE WHEN context ? 'question_id' THEN (context->>'question_id')::integer ELSE taken.question_id END,
        context->>'path', context->>'model', prompt, completion, cost);
    RETURN json_build_object(
        'status', CASE WHEN still_held THEN 'held' ELSE 'expired' END, 'settled', true,
        'workspace_id', taken.workspace_id, 'month', taken.month,
        'policy', (SELECT json_build_object('warn_at', p.warn_at, 'at_limit', p.at_limit)
                     FROM budget_policies p WHERE p.workspace_id = taken.workspace_id),
        'counters', array_to_json(counters));
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(RESERVE)
    op.execute(SETTLE)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION advisor_settle(text, bigint, bigint, integer, integer, double precision, jsonb, timestamptz)")
    op.execute("DROP FUNCTION advisor_reserve(text, text, integer, text, text[], text[], json, bigint, bigint, bigint, "
               "timestamptz, timestamptz)")
