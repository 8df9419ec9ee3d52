"""Evaluation of marsad stages against gold data."""
