"""Hostile or odd sources: each is read, or refused with one line naming it and why."""

from __future__ import annotations

from casework.errors import InputRejected
from casework.ingest.loader import RawInput
from casework.ingest.sources import expand

NETSCAPE_RSS = b"""<?xml version="1.0"?>
<?xml-stylesheet type="text/xsl" href="feed.xsl"?>
<!-- generated -->
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd" [ <!ENTITY nbsp "&#160;"> ]>
<rss version="0.91"><channel><title>T</title><link>http://x.example/</link><description>d</description>
<item><title>A</title><link>http://x.example/a</link><description>Police detained a man.</description></item>
<item><title>B</title><link>http://x.example/b</link><description>A second item.</description></item>
</channel></rss>"""


def test_a_feed_with_a_doctype_and_a_stylesheet_is_read_as_items() -> None:
    got = list(expand(RawInput("old.xml", NETSCAPE_RSS, "old.xml")))
    assert [g.name for g in got] == ["old.xml#1", "old.xml#2"]
    assert not any(isinstance(g, InputRejected) for g in got)
