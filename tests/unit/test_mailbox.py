"""modules.process.Mailbox: messages no listen/inbox takes yet wait in arrival order (the
backlog is made on the first one), and each later listen/inbox takes its share in order."""

from __future__ import annotations

from typing import Any

from luac2py_runtime.modules.channel import Channel
from luac2py_runtime.modules.process import Mailbox, Message


def _m(topic: str, v: Any) -> Message:
    return Message(topic, (v,), "sender")


def _drain(ch: Channel) -> list[Any]:
    out = []
    while ch.buffered():
        v, ok = ch.receive_now()
        assert ok
        out.append(v)
    return out


def test_nothing_is_made_before_it_is_needed() -> None:
    mb = Mailbox()
    assert mb.backlog is None and mb.inbox is None and mb._events is None
    assert _drain(mb.listen("a", False)) == []
    assert mb.backlog is None


def test_backlog_is_fifo_per_topic() -> None:
    mb = Mailbox()
    for topic, v in [("a", 1), ("b", 2), ("a", 3), ("c", 4), ("b", 5), ("a", 6)]:
        mb.deliver(_m(topic, v))
    assert [m.values[0] for m in mb.backlog or []] == [1, 2, 3, 4, 5, 6]
    a = mb.listen("a", False)
    assert _drain(a) == [1, 3, 6]
    assert [m.values[0] for m in mb.backlog or []] == [2, 4, 5]
    mb.deliver(_m("a", 7))  # straight to the listener
    mb.deliver(_m("d", 8))  # behind the backlog
    assert _drain(a) == [7]
    b = mb.listen("b", True)
    assert [m.values[0] for m in _drain(b)] == [2, 5]
    inbox = mb.get_inbox()
    assert mb.backlog is None
    mb.deliver(_m("e", 9))
    assert [m.values[0] for m in _drain(inbox)] == [4, 8, 9]
    assert mb.get_inbox() is inbox


def test_backlog_emptied_by_listen_goes_back_to_none() -> None:
    mb = Mailbox()
    mb.deliver(_m("a", 1))
    mb.deliver(_m("a", 2))
    assert _drain(mb.listen("a", False)) == [1, 2]
    assert mb.backlog is None
    mb.deliver(_m("z", 3))
    assert [m.values[0] for m in mb.get_inbox().buf or []] == [3]


def test_events_channel_is_made_on_first_use_and_keeps_early_events() -> None:
    mb = Mailbox()
    mb.event("pid.cancel", "")
    mb.event("pid.exit", "p1")
    ev = mb.events
    assert ev is mb.events
    assert [t.hash["kind"] for t in _drain(ev)] == ["pid.cancel", "pid.exit"]
    mb2 = Mailbox()
    assert mb2.events is mb2.events and mb2._events is not None
