"""The only place that imports LiteLLM: model configuration, prompts, and calls."""
