"""Spreadsheet import: read -> recognise -> validate -> load (all or nothing).

Public API (``analytics.ingest.pipeline``): ``prepare(con, files=..., as_of=...) -> Plan`` reads,
recognises and validates; ``load(con, plan, user=...)`` stores a plan without errors as one batch;
``import_files`` does both and raises ``ImportRejected`` with every problem. This package module
imports nothing itself, so the reader's child processes start light.
"""
