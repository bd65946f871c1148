"""A viewer without a browser: speaks Streamlit's WebSocket protocol (protobuf BackMsg/ForwardMsg).

Used by the serving test and ``bench/bench_serve.py``: it signs in through the login form (the
same widgets a person fills in), then reruns a page and times it from the request to the
server's "script finished" — the moment a browser has every element of the page.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
RERUN = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")


@dataclass
class Run:
    """What one script run sent: its elements by kind, exceptions, and how long it took."""

    seconds: float = 0.0
    elements: list[Any] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)

    def of(self, kind: str) -> list[Any]:
        return [getattr(e, kind) for e in self.elements if e.WhichOneof("type") == kind]


class Viewer:
    """One browser tab's session: ``await v.open(); await v.sign_in(u, p); await v.rerun()``."""

    def __init__(self, base_url: str, page: str = "", query: str = "") -> None:
        self.ws_url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.page = page
        self.query = query
        self.page_hash = ""  # the page the server ran last: widget states are kept only on the same page
        self.headers: dict[str, str] = {}  # e.g. the sticky-session cookie of a proxy
        self.ws: Any = None

    async def open(self) -> Run:
        self.ws = await websockets.connect(
            self.ws_url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            additional_headers=self.headers,
            max_size=None,
            open_timeout=60,
            ping_interval=None,
        )
        return await self.rerun()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(self, widgets: list[WidgetState] | None = None, timeout: float = 120) -> Run:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        if self.page_hash:
            state.page_script_hash = self.page_hash
        else:
            state.page_name = self.page
        state.widget_states.widgets.extend(widgets or [])
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        run = Run()
        deadline = time.monotonic() + timeout
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), max(deadline - time.monotonic(), 0.01))
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                run.elements.append(element)
                if element.WhichOneof("type") == "exception":
                    run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
            elif kind == "new_session":
                run = Run()  # a rerun started (st.rerun): only the last run is the page
            elif kind == "page_info_changed" or kind == "navigation":
                self.page_hash = fwd.navigation.page_script_hash if kind == "navigation" else self.page_hash
            elif kind == "script_finished" and fwd.script_finished == FINISHED:
                run.seconds = time.perf_counter() - started
                return run

    async def sign_in(self, username: str, password: str, first: Run) -> Run:
        """Fill the login form of ``first`` (the run that drew it) and submit it."""
        run = first
        for _ in range(3):  # the first submit right after connecting is sometimes dropped: try again
            texts = {t.type: t.id for t in run.of("text_input")}
            if 1 not in texts:  # no password field any more: signed in
                return run
            submit = next(b.id for b in run.of("button") if b.is_form_submitter)
            name, secret, press = WidgetState(), WidgetState(), WidgetState()
            name.id, name.string_value = texts[0], username  # TextInput.Type DEFAULT = 0, PASSWORD = 1
            secret.id, secret.string_value = texts[1], password
            press.id, press.trigger_value = submit, True
            run = await self.rerun([name, secret, press])
        if any(t.type == 1 for t in run.of("text_input")):
            raise RuntimeError(f"sign-in failed for {username}")
        return run
