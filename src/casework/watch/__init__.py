"""`casework watch`: sources checked on a schedule, each new item ingested once, cases updated
incrementally, alerts delivered (memory.py, poll.py, loop.py)."""
