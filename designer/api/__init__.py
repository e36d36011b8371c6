"""The REST API: thin DRF views that parse, authorise and call services or selectors."""
