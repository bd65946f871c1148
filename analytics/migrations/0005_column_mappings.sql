-- Version 5: column mappings a user made on the Import page for a layout the header dictionary did
-- not fully know (issue 3). Same DDL as the section of schema.sql.
-- ``signature``: the header keys (analytics/ingest/headers.header_keys) of the layout's header
-- cells; a stored mapping applies to a sheet whose first rows hold every one of them.
-- ``mapping``: {header text: column of the kind} as JSON.
CREATE SEQUENCE IF NOT EXISTS column_mapping_seq START 1;
CREATE TABLE IF NOT EXISTS column_mapping (
    mapping_id   BIGINT PRIMARY KEY DEFAULT nextval('column_mapping_seq'),
    kind         VARCHAR NOT NULL,
    signature    VARCHAR[] NOT NULL,
    mapping      JSON NOT NULL,
    source_file  VARCHAR,
    source_sheet VARCHAR,
    created_by   VARCHAR NOT NULL,
    created_at   TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    used_count   INTEGER NOT NULL DEFAULT 0,
    last_used_at TIMESTAMP
);
