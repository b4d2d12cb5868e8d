"""The Slack adapter: Bolt listeners that turn events into advisor calls and answers into Block Kit."""
