"""An acronym of a lower-case phrase is no name (made-up sentences)."""

from __future__ import annotations

from reader.core.analysis import build_analysis
from reader.core.model import RawSpan


def test_an_acronym_of_common_nouns_and_its_later_uses_are_not_names() -> None:
    text = "Pilots flew unmanned aerial vehicles (UAVs) near Kyiv. The UAVs crashed. The Kestrel Air Board (KAB) met."
    raw = []
    for surface, label in (("UAVs", "ORG"), ("Kyiv", "GPE"), ("Kestrel Air Board", "ORG"), ("KAB", "ORG")):
        start = -1
        while (start := text.find(surface, start + 1)) != -1:
            raw.append(RawSpan(start, start + len(surface), label))
    names = [m.text for m in build_analysis(text, sorted(raw, key=lambda r: r.start)).mentions]
    assert names == ["Kyiv", "Kestrel Air Board", "KAB"]
