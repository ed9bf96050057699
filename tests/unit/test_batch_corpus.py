"""A small hand-written corpus for the batch tests (fictional events, several outlets each),
and the checks on it that need no model. Other ``test_batch_*`` modules import ``write_corpus``."""

from __future__ import annotations

import json
from pathlib import Path

from storydiff.batch.inputs import expand_inputs

# event -> outlet -> (date, text). Outlets word the same event differently, as real ones do.
EVENTS = {
    "bridge": {
        "wire": ("2024-03-04", "Calder Bridge closed after crack found\n\n"
                 "PORT CALDER — The Calder Bridge was closed on Monday after engineers found a 40-centimetre "
                 "crack in a support beam. City engineer Helena Varga said the bridge would stay shut for at "
                 "least 12 weeks. \"We will not take any risk with people's lives,\" Varga said. Ferries will "
                 "run every 20 minutes between the north and south banks. About 31,000 vehicles cross the "
                 "bridge each day."),
        "herald": ("2024-03-05", "Calder Bridge shut for months over cracked beam\n\n"
                   "Engineers shut the Calder Bridge in Port Calder on Monday when they discovered a "
                   "40-centimetre crack in a support beam. Helena Varga, the city engineer, said it would be "
                   "closed for at least 12 weeks. \"We will not take any risk with people's lives,\" she said. "
                   "The 31,000 drivers who use it daily face long detours, and extra ferries will sail every "
                   "20 minutes."),
        "copy": ("2024-03-04", "Calder Bridge closed after crack found\n\n"
                 "PORT CALDER — The Calder Bridge was shut on Monday after engineers found a 40-centimetre "
                 "crack in a support beam. City engineer Helena Varga said the bridge would stay shut for at "
                 "least 12 weeks. \"We will not take any risk with people's lives,\" Varga said. Ferries will "
                 "run every 20 minutes between the north and south banks. About 31,000 vehicles cross the "
                 "bridge each day."),
    },
    "election": {
        "wire": ("2024-05-12", "Okafor wins Westbrook mayoral race\n\n"
                 "WESTBROOK — Amara Okafor won the Westbrook mayoral election on Sunday with 54 percent of the "
                 "vote, defeating incumbent Dale Pruitt. Turnout reached 61 percent, the highest since 1998. "
                 "Okafor promised to build 2,400 affordable homes. \"Westbrook voted for change,\" Okafor told "
                 "supporters. Pruitt conceded late on Sunday night."),
        "herald": ("2024-05-13", "Pruitt ousted as Okafor takes Westbrook\n\n"
                   "Challenger Amara Okafor unseated Westbrook mayor Dale Pruitt on Sunday, taking 54 percent "
                   "of the ballots. \"Westbrook voted for change,\" Okafor told a crowd of supporters. Her plan "
                   "for 2,400 affordable homes dominated the campaign. Turnout of 61 percent was the highest "
                   "since 1998. Pruitt phoned Okafor to concede."),
    },
    "fire": {
        "wire": ("2024-05-13", "Fire destroys Linden paper mill\n\n"
                 "LINDEN — A fire destroyed the Harrow paper mill in Linden early on Monday, and 140 "
                 "firefighters fought the blaze for nine hours. No one was hurt, fire chief Tomas Brandt said. "
                 "The mill employed 380 people. Smoke closed Route 9 until the afternoon. The cause is under "
                 "investigation."),
        "herald": ("2024-05-13", "Linden mill lost to overnight blaze\n\n"
                   "The Harrow paper mill in Linden burned down on Monday morning despite the efforts of 140 "
                   "firefighters. Fire chief Tomas Brandt said nobody was injured. Route 9 was closed for hours "
                   "because of the smoke. The mill's 380 workers do not know if it will be rebuilt. "
                   "Investigators have not found the cause."),
        "radio": ("2024-05-14", "Harrow mill fire: 380 jobs in doubt\n\n"
                  "Workers at the Harrow paper mill in Linden fear for their jobs after Monday's fire. The mill, "
                  "which employed 380 people, was destroyed despite 140 firefighters battling the blaze. Chief "
                  "Tomas Brandt confirmed there were no injuries. Route 9 has reopened."),
    },
    "panda": {
        "wire": ("2024-05-12", "Twin pandas born at Kestrel Zoo\n\n"
                 "KESTREL — Giant panda Mei Lan gave birth to twins at Kestrel Zoo on Saturday, keepers said. "
                 "The cubs weigh about 150 grams each. The zoo will name them after 100 days, as is the custom. "
                 "Visitors can watch the mother on a live camera."),
    },
}


def corpus_items() -> list[tuple[str, str, str, str]]:
    """(event, outlet, date, text) in a fixed order that mixes the events."""
    items = [(e, o, d, t) for e, outlets in EVENTS.items() for o, (d, t) in outlets.items()]
    return sorted(items, key=lambda item: (item[1], item[0]))


def write_corpus(folder: Path, *, dated: bool = True) -> Path:
    """The corpus as a JSON Lines feed of inline texts; returns the feed's path."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for event, outlet, date, text in corpus_items():
        record = {"source": f"https://{outlet}.example/{event}", "label": outlet, "text": text}
        if dated:
            record["date"] = date
        lines.append(json.dumps(record))
    feed = folder / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return feed


def event_of(source: str) -> str:
    return source.rsplit("/", 1)[1]


def test_the_feed_names_every_article_once(tmp_path):
    feed = write_corpus(tmp_path)
    sources = expand_inputs([str(feed), str(feed)])
    assert [s.source for s in sources] == [f"https://{o}.example/{e}" for e, o, _, _ in corpus_items()]
    assert all(s.text and s.location is None for s in sources)
