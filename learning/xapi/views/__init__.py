"""LRS views, one module per resource family."""
