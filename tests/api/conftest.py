from fixtures import client, sample_store  # noqa: F401 - fixtures for this folder
