"""The oversight product's core: schema, import, KPIs. Pure Python over DuckDB, no UI."""
