"""Per-page composition: which columns a table shows, which builder draws a chart, card texts."""
