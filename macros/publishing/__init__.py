"""Publishing helpers used by the GitHub workflows (stdlib only: they run before any package is installed)."""
