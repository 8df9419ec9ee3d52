from backends import api, store_url  # noqa: F401 - the same store on DuckDB and PostgreSQL
from fixtures import client, sample_store  # noqa: F401 - fixtures for this folder
