"""PostgreSQL / TimescaleDB for civicpulse: pool, migrations, capability probe."""
