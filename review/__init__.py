"""The life of a service after it is submitted: review, list, advice, approval."""
