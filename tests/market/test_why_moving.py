""""Why is it moving" assembled (core/why_moving.py, issue 26): the boards that moved the stock's way, biggest
first, at most two, never a board of one; the newest three 异动; three items, 公告 first, then the newest."""

from __future__ import annotations

from desktop.core.why_moving import BoardMove, Event, Item, assemble


def test_only_boards_that_moved_its_way_biggest_first_at_most_two():
    boards = [BoardMove("光伏设备", "industry", 3.2, 68), BoardMove("储能", "concept", 1.1, 30),
              BoardMove("电池", "industry", -0.8, 100), BoardMove("光伏概念", "concept", 4.0, 28),
              BoardMove("通信服务", "industry", 20.0, 1)]           # the stock alone: explains nothing
    why = assemble("300274", 5.0, boards, (), ())
    assert [b.name for b in why.boards] == ["光伏概念", "光伏设备"]
    down = assemble("300274", -2.0, boards, (), ())
    assert [b.name for b in down.boards] == ["电池"]
    assert assemble("300274", 0.0, boards, (), ()).boards == ()    # flat: no board moved "its way"
    assert assemble("300274", None, boards, (), ()).empty


def test_newest_events_and_notices_first():
    events = [Event(t, "大笔买入", "") for t in ("09:42:18", "13:00:48", "10:05:31", "14:02:18")]
    items = [Item(1, "旧闻", 100, False), Item(2, "新闻", 300, False), Item(3, "公告", 50, True),
             Item(4, "更新", 400, False), Item(4, "更新", 400, False)]
    why = assemble("300750", 1.0, (), events, items)
    assert [e.time for e in why.events] == ["14:02:18", "13:00:48", "10:05:31"]
    assert [i.article_id for i in why.items] == [3, 4, 2]
