"""Mail for the whole product: the outbox, rendering, sending, scheduling.

This package imports nothing from `webform` or `review`; they call it.
"""
