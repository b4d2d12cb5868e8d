"""The pure core: what the product means, with no Slack, network or database."""
