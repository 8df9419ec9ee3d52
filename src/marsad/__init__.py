"""marsad: Arabic news to evidence-linked security event data."""
