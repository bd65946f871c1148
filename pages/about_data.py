"""Dữ liệu hiện có: what the database holds — tables, rows, as-of dates, batches."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.inventory import database_summary
from ui import data
from ui import format as fmt
from ui.auth import require_page
from ui.labels import code
from ui.session import lang, tr

L = lang()
user = require_page("about_data", L)
summary = data.run(database_summary)

st.title(tr("about.title"))
st.write(tr("about.intro"))

c1, c2, c3 = st.columns(3)
c1.metric(tr("about.rows"), fmt.number(summary["data_rows"], L))
c2.metric(tr("about.batches"), fmt.number(summary["loaded_batches"], L))
c3.metric(tr("about.schema_version"), summary["schema_version"])

if summary["data_rows"] == 0:
    st.info(tr("about.empty"))
elif summary["has_demo"]:
    st.caption(tr("about.demo_present"))

tables = pd.DataFrame(
    [
        {
            tr("about.table"): code(name, L),
            tr("about.count"): fmt.number(summary["tables"].get(name, 0), L),
            tr("about.as_of"): fmt.day(summary["as_of"].get(name)),
        }
        for name in data.DATA_TABLE_ORDER
    ]
)
st.dataframe(tables, hide_index=True, width="stretch")
st.caption(f"{tr('about.path')}: `{data.db_path()}`")
