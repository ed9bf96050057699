"""Responsiveness of the StoryDiff window, each figure against a baseline measured in the same run.

The machine is shared and noisy, so every figure is reported as a ratio to a baseline
taken in the same run, never as an absolute pass/fail:

1. **Launch to painted window**: a fresh ``python`` process runs ``build_window()``,
   ``show()`` and the event loop until the window's first paint has been flushed (a
   zero-timer posted from its first ``Paint`` event fires); the baseline is a bare
   ``QMainWindow`` of the same size started the same way. One untimed warm-up pair, then
   ``--launches`` (5) of each, alternating; medians. Also whether ``torch`` and
   ``sentence_transformers`` were imported at the first paint (they must not be).
2. **Longest event-loop pause while aligning**: 10 synthetic versions of a 100-sentence
   news story (synonym swaps, changed numbers, dropped, added and moved sentences) are
   written to a temporary folder and opened with ``window.open_files``; the real bundled
   model embeds them (fresh temporary ``STORYDIFF_DATA_DIR``, so every text is encoded
   and the model is loaded cold) on the window's background runner. A 5 ms precise
   ``QTimer`` heartbeat records the gaps between its ticks from ``open_files`` until the
   first tick after ``comparison_shown`` (target: longest gap under 50 ms), then until
   the compare view's ``rows_fitted``. Baseline: the same heartbeat in the same window,
   idle, just before (``--idle-seconds``; its first stretch as long as the alignment run
   is used). If the target is missed, a second run in a fresh process samples every
   thread's Python stack with ``faulthandler`` during each long gap and names the
   functions found there (``--diagnose`` runs only that).
3. **A 1,000-row comparison in the compare view**: 5 versions of a 1,000-sentence story
   compared with the bag-of-words fake embedder of ``tests/fakes.py`` (truncated to
   exactly 1,000 rows); time for ``CompareView.set_comparison`` up to the first paint of
   the table, until ``rows_fitted``, and for scrolling top to bottom in page steps with a
   synchronous repaint per step. Baseline: a plain ``QTableView`` with a
   ``QStandardItemModel`` holding the same plain texts (building the model included),
   same size and scrolling; a second baseline also fits its rows with
   ``resizeRowsToContents`` (the same wrapped heights, so the same number of pages).

4. **Many versions** (issue 9): 40 versions x 40 statements (``big_comparison(40, 40)``)
   against 5 versions x 40 statements built the same way, same view size, in the same run:
   ``set_comparison`` to the first paint, until ``rows_fitted``, vertical scrolling (page steps,
   repaint per step) and horizontal scrolling (page steps of the sideways scrollbar, repaint per
   step; the 5-version case has no sideways scrolling, so its vertical page repaint is the
   baseline: both repaint one full viewport of cells).

Run from the repository root:

    PYTHONPATH=desktop QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_bench.py

and, with a real X server (xcb platform):

    PYTHONPATH=desktop xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python benchmarks/gui_bench.py

Options: ``--json OUT`` (all results), ``--only launch|align|view|wide`` (repeatable),
``--launches N``, ``--idle-seconds S`` (default 40), ``--no-diagnose``, ``--diagnose``.
A run takes about three minutes on 2 CPU cores. Settings, the embedding cache and the
stories live in a temporary folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import faulthandler
import gc
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "desktop"), str(ROOT / "tests")]

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

TARGET_PAUSE_MS = 50.0
HEARTBEAT_MS = 5
WINDOW_SIZE = (1600, 1000)  # the window's own default on a large screen
VIEW_SIZE = (1280, 800)

# ---------------------------------------------------------------------------------------------
# Synthetic news stories

FIRST = ["Helena", "Tomas", "Rosa", "Pieter", "Amara", "Jonas", "Mei", "Carlos", "Ingrid", "Samuel",
         "Leila", "Viktor", "Nadia", "Owen", "Farah", "Bruno", "Yuki", "Grace", "Emil", "Sofia"]
LAST = ["Varga", "Brennan", "Lindqvist", "Haldene", "Okafor", "Meyer", "Chen", "Alvarez", "Berg",
        "Osei", "Haddad", "Novak", "Petrova", "Walsh", "Rahman", "Costa", "Tanaka", "Moore", "Falk", "Ruiz"]
TITLES = ["Mayor", "City engineer", "Transport minister", "Council spokesperson", "Fire chief",
          "Police commissioner", "Union leader", "Health director", "Opposition leader", "Professor"]
ORGS = ["the city council", "the transport authority", "the harbour board", "the health department",
        "the drivers' union", "the regional government", "the chamber of commerce", "the fire service",
        "the water utility", "the opposition party"]
THINGS = ["the harbour bridge", "the ferry service", "the new hospital wing", "the water treatment plant",
          "the eastern rail line", "the school building programme", "the housing plan", "the airport runway",
          "the central bus station", "the flood barrier", "the tram extension", "the public library"]
PLACES = ["the harbour district", "the eastern suburbs", "the old town", "the city centre", "Port Calder",
          "the industrial zone", "the northern estates", "the river quarter"]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week",
        "late on Sunday", "this morning", "earlier this month", "on Saturday evening"]
MONTHS = ["January", "March", "April", "June", "August", "September", "October", "December"]
SAID = ["said", "told reporters", "announced", "warned", "confirmed", "insisted", "added"]
ACTIONS = [
    "{thing} would reopen by {month} at the earliest",
    "{org} had set aside ${money} million to repair {thing}",
    "inspectors found serious damage in {thing}",
    "the repairs to {thing} were expected to take {n} weeks",
    "{org} could not rule out further closures in {place}",
    "about {k},000 people in {place} depend on {thing} every day",
    "the contract for {thing} would be reviewed by an independent panel",
    "{thing} had been inspected {n} times since {year}",
    "residents of {place} had complained about {thing} for years",
    "the cost of {thing} had risen to ${money} million",
    "extra buses would run between {place} and the city centre",
    "nobody had been injured when {thing} was closed",
]
TEMPLATES = [
    "{title} {name} {said} {when} that {action}.",
    "\"{action_cap},\" {name} {said}.",
    "According to {org}, {action}.",
    "In a statement released {when}, {org} said {action}.",
    "{action_cap}, {org} said {when}.",
    "{name}, who has led {org} since {year}, said {action}.",
    "Officials in {place} said {when} that {action}, although no final decision had been made.",
    "Critics argued that {action}, and demanded a public inquiry.",
    "The decision came after {org} said {action}.",
    "{title} {name} was asked whether {action}, but declined to comment.",
]
SWAPS = {
    "said": ["stated", "noted"], "told reporters": ["told journalists"], "announced": ["declared"],
    "warned": ["cautioned"], "confirmed": ["acknowledged"], "insisted": ["maintained"],
    "about": ["around", "roughly"], "people": ["residents"], "residents": ["locals", "people"],
    "repair": ["fix"], "repairs": ["works"], "serious": ["severe"], "expected": ["likely"],
    "complained": ["protested"], "closed": ["shut"], "further": ["more"], "extra": ["additional"],
    "Officials": ["Authorities"], "Critics": ["Opponents"], "demanded": ["called for"],
    "independent": ["outside"], "inspected": ["checked"], "damage": ["corrosion"],
}


def _fill(template: str, rng: random.Random) -> str:
    values = {
        "title": rng.choice(TITLES), "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "said": rng.choice(SAID), "when": rng.choice(WHEN), "org": rng.choice(ORGS),
        "place": rng.choice(PLACES), "year": rng.randint(2009, 2024),
    }
    action = rng.choice(ACTIONS).format(
        thing=rng.choice(THINGS), org=rng.choice(ORGS), place=rng.choice(PLACES), month=rng.choice(MONTHS),
        money=f"{rng.randint(1, 40)}.{rng.randint(0, 9)}", n=rng.randint(3, 30), k=rng.randint(2, 90),
        year=rng.randint(2009, 2024),
    )
    values["action"], values["action_cap"] = action, action[0].upper() + action[1:]
    return template.format(**values)


def story_sentences(count: int, rng: random.Random, avoid: set[str] = frozenset()) -> list[str]:
    """``count`` distinct news-like sentences (none of them in ``avoid``)."""
    out: dict[str, None] = {}
    while len(out) < count:
        sentence = _fill(rng.choice(TEMPLATES), rng)
        if sentence not in avoid:
            out[sentence] = None
    return list(out)


def _swap_words(sentence: str, rng: random.Random) -> str:
    words = [w for w in SWAPS if re.search(rf"\b{re.escape(w)}\b", sentence)]
    for word in rng.sample(words, min(len(words), rng.randint(1, 2))):
        sentence = re.sub(rf"\b{re.escape(word)}\b", rng.choice(SWAPS[word]), sentence, count=1)
    return sentence


def _change_number(sentence: str, rng: random.Random) -> str:
    return re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 5)), sentence, count=1)


def derive_version(base: list[str], rng: random.Random, pool: list[str]) -> list[str]:
    """Another outlet's version: swaps (30 %), changed numbers (5 %), ~6 % dropped,
    3 sentences moved, 3-6 new sentences from ``pool`` inserted."""
    out = []
    for sentence in base:
        if rng.random() < 0.06:
            continue
        if rng.random() < 0.30:
            sentence = _swap_words(sentence, rng)
        if rng.random() < 0.05:
            sentence = _change_number(sentence, rng)
        out.append(sentence)
    for _ in range(3):
        moved = out.pop(rng.randrange(len(out)))
        out.insert(rng.randrange(len(out) + 1), moved)
    for _ in range(rng.randint(3, 6)):
        out.insert(rng.randrange(len(out) + 1), pool.pop())
    return out


def story_versions(sentences: int, versions: int, seed: int) -> list[list[str]]:
    """The original first, then ``versions - 1`` derived versions."""
    rng = random.Random(seed)
    base = story_sentences(sentences, rng)
    pool = story_sentences(8 * versions, rng, avoid=set(base))
    return [base] + [derive_version(base, rng, pool) for _ in range(versions - 1)]


def story_text(sentences: list[str], rng: random.Random) -> str:
    """A headline, then paragraphs of one to four sentences."""
    paragraphs, start = [], 0
    while start < len(sentences):
        size = rng.randint(1, 4)
        paragraphs.append(" ".join(sentences[start : start + size]))
        start += size
    return "Port Calder closes harbour bridge after inspection\n\n" + "\n\n".join(paragraphs) + "\n"


def write_story(folder: Path, versions: list[list[str]], seed: int) -> list[str]:
    rng = random.Random(seed)
    paths = []
    for number, sentences in enumerate(versions, start=1):
        path = folder / f"{number:02d}-{'original' if number == 1 else 'outlet'}.txt"
        path.write_text(story_text(sentences, rng), encoding="utf-8")
        paths.append(str(path))
    return paths


# ---------------------------------------------------------------------------------------------
# Small statistics helpers


def median(values) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def ratio(value: float, baseline: float) -> float:
    return value / baseline if baseline > 0 else float("nan")


# ---------------------------------------------------------------------------------------------
# Qt helpers (imported lazily: item 1 must not pay for them in this process)


def isolate_qt_settings(folder: Path) -> None:
    """QSettings (INI) in ``folder``, as in tests/gui/conftest.py."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    QCoreApplication.setOrganizationName("StoryDiffBench")
    QCoreApplication.setApplicationName("StoryDiffBench")


def spin(ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def run_until(start, done_signal, timeout_s: float) -> float | None:
    """Call ``start()`` from inside an event loop, run it until ``done_signal`` fires;
    the time (perf_counter) it fired, or None on timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop, fired = QEventLoop(), []

    def on_done(*_):
        if not fired:
            fired.append(time.perf_counter())
            loop.quit()

    done_signal.connect(on_done)
    QTimer.singleShot(0, start)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    done_signal.disconnect(on_done)
    return fired[0] if fired else None


class Emissions:
    """When a signal was emitted (perf_counter), so that an emission that came early is not waited for."""

    def __init__(self, signal) -> None:
        self.signal, self.times = signal, []
        signal.connect(self._record)

    def _record(self, *_) -> None:
        self.times.append(time.perf_counter())

    def first_since(self, since: float, timeout_s: float) -> float | None:
        """The first emission at or after ``since``, running the event loop until it comes."""
        if not any(t >= since for t in self.times):
            run_until(lambda: None, self.signal, timeout_s)
        return next((t for t in self.times if t >= since), None)


def paint_watcher(widget):
    """A QObject whose ``painted`` signal fires once the first ``Paint`` event of ``widget``
    has been handled and flushed (a zero-timer posted from the event runs after it)."""
    from PySide6.QtCore import QEvent, QObject, QTimer, Signal

    class PaintWatcher(QObject):
        painted = Signal()

        def __init__(self) -> None:
            super().__init__()
            self.armed = True
            widget.installEventFilter(self)

        def eventFilter(self, obj, event) -> bool:
            if self.armed and event.type() == QEvent.Type.Paint:
                self.armed = False
                QTimer.singleShot(0, self.painted.emit)
            return False

    return PaintWatcher()


def show_and_wait_painted(widget, size) -> None:
    watcher = paint_watcher(widget)
    widget.resize(*size)
    if run_until(widget.show, watcher.painted, 20) is None:
        raise RuntimeError(f"{type(widget).__name__} was never painted")
    widget.removeEventFilter(watcher)


class Heartbeat:
    """A 5 ms precise timer that records when it ticks; optionally arms faulthandler at each
    tick so that a stall longer than ``dump_after_s`` dumps every thread's stack to ``dump_file``
    and leaves a ``@gap`` marker after it."""

    def __init__(self, interval_ms: int = HEARTBEAT_MS, dump_file=None, dump_after_s: float = 0.03) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[float] = []
        self._timer = QTimer(interval=interval_ms, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._dump_file, self._dump_after = dump_file, dump_after_s

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self._timer.start()

    def stop(self) -> list[float]:
        self._timer.stop()
        if self._dump_file is not None:
            faulthandler.cancel_dump_traceback_later()
        return self.ticks

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._dump_file is not None:
            faulthandler.cancel_dump_traceback_later()
            if now - self.ticks[-1] > self._dump_after:
                self._dump_file.write(f"@gap {self.ticks[-1]:.6f} {now:.6f}\n")
                self._dump_file.flush()
            faulthandler.dump_traceback_later(self._dump_after, repeat=True, file=self._dump_file)
        self.ticks.append(now)


def gaps_ms(ticks: list[float], start: float | None = None, end: float | None = None) -> list[float]:
    """Gaps between consecutive ticks (ms) whose start lies in [start, end)."""
    return [
        (b - a) * 1000 for a, b in zip(ticks, ticks[1:])
        if (start is None or a >= start) and (end is None or a < end)
    ]


# ---------------------------------------------------------------------------------------------
# 1. Launch to painted window

CHILD = r"""
import json, os, sys, time
kind = sys.argv[1]
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
t_qt = time.monotonic()
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["GUI_BENCH_SETTINGS"])
app = QApplication(sys.argv[:1])
app.setOrganizationName("StoryDiffBench")
app.setApplicationName("StoryDiffBench")
if kind == "storydiff":
    from storydiff.app import build_window
    window = build_window()
else:
    window = QMainWindow()
    screen = window.screen().availableGeometry()  # the size MainWindow._default_size gives
    window.resize(min(1600, int(screen.width() * 0.92)), min(1000, int(screen.height() * 0.92)))
t_built = time.monotonic()
out = {}

def done():
    out.update(painted=time.monotonic(), qt_imported=t_qt, built=t_built, shown=t_shown,
               torch="torch" in sys.modules, sentence_transformers="sentence_transformers" in sys.modules,
               size=[window.width(), window.height()], platform=app.platformName())
    app.quit()

class Watch(QObject):
    armed = True
    def eventFilter(self, obj, event):
        if self.armed and event.type() == QEvent.Type.Paint:
            self.armed = False
            QTimer.singleShot(0, done)
        return False

watch = Watch()
window.installEventFilter(watch)
window.show()
t_shown = time.monotonic()
QTimer.singleShot(30000, app.quit)
app.exec()
print(json.dumps(out), flush=True)
os._exit(0 if out else 1)
"""


def launch_once(kind: str, settings: Path) -> dict:
    """One fresh process; times (s) from just before it was started."""
    env = dict(os.environ, GUI_BENCH_SETTINGS=str(settings), PYTHONPATH=str(ROOT / "desktop"))
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", CHILD, kind], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    if done.returncode:
        raise RuntimeError(f"launch of {kind} failed:\n{done.stderr}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    for key in ("qt_imported", "built", "shown", "painted"):
        out[key] -= start
    return out


def bench_launch(repeats: int, scratch: Path) -> dict:
    settings = scratch / "launch-settings"
    runs: dict[str, list[dict]] = {"storydiff": [], "bare": []}
    for kind in runs:
        launch_once(kind, settings)  # untimed: warms the file cache
    for _ in range(repeats):
        for kind in runs:
            runs[kind].append(launch_once(kind, settings))
    summary = {kind: {key: median([r[key] for r in rs]) for key in ("qt_imported", "built", "shown", "painted")}
               for kind, rs in runs.items()}
    return {
        "repeats": repeats,
        "runs": runs,
        "median": summary,
        "ratio": ratio(summary["storydiff"]["painted"], summary["bare"]["painted"]),
        "torch_imported": any(r["torch"] for r in runs["storydiff"]),
        "sentence_transformers_imported": any(r["sentence_transformers"] for r in runs["storydiff"]),
        "window_size": runs["storydiff"][0]["size"],
    }


# ---------------------------------------------------------------------------------------------
# 2. Event-loop pauses while 10 x 100 sentences are embedded and aligned


def bench_alignment(scratch: Path, idle_s: float, dump_path: Path | None = None) -> dict:
    """The window, idle then aligning; with ``dump_path``, stalls are sampled into that file."""
    from storydiff.app import build_window

    os.environ["STORYDIFF_DATA_DIR"] = str(scratch / "align-data")  # a cold embedding cache
    folder = scratch / "story"
    folder.mkdir(exist_ok=True)
    versions = story_versions(100, 10, seed=1)
    paths = write_story(folder, versions, seed=2)
    window = build_window()
    show_and_wait_painted(window, WINDOW_SIZE)
    spin(1000)
    dump = dump_path.open("w") if dump_path else None
    beat = Heartbeat(dump_file=dump)
    idle = _idle_ticks(beat, idle_s)
    progress: list[tuple[float, str]] = []
    window.runner.progressed.connect(lambda _job, _f, message: progress.append((time.perf_counter(), message)))
    fitted_signal = Emissions(window.compare_view.rows_fitted)
    collections = GcRecorder() if dump else None
    beat.start()
    opened = time.perf_counter()
    shown = run_until(lambda: window.open_files(paths), window.comparison_shown, 900)
    if shown is None:
        raise RuntimeError("the comparison was never shown")
    spin(2 * HEARTBEAT_MS)  # the tick after the slot that showed it closes the gap it sits in
    fitted = fitted_signal.first_since(opened, 60) or time.perf_counter()
    spin(2 * HEARTBEAT_MS)
    ticks = beat.stop()
    if dump:
        dump.close()
        collections.stop()
    comparison = window.comparison()
    result = _alignment_result(ticks, idle, opened, shown, fitted, progress)
    if dump:
        result["stalls"] = parse_stall_dumps(dump_path.read_text(), threading.main_thread().ident, collections)
    result.update(versions=len(versions), sentences=[len(v) for v in versions], rows=len(comparison.rows),
                  columns=window.compare_view.table.model().columnCount(), window_size=list(WINDOW_SIZE))
    window.close()
    return result


def _idle_ticks(beat: Heartbeat, seconds: float) -> list[float]:
    beat.start()
    spin(int(seconds * 1000))
    return beat.stop()


def _phase(at: float, end: float, shown: float, progress: list[tuple[float, str]]) -> str:
    """What the runner last reported before ``at`` (the start of a gap that ends at ``end``)."""
    if at < shown <= end:
        return "showing the comparison (UI thread)"
    if at >= shown:
        return "after shown: fitting rows"
    label = "open_files / debounce"
    for when, message in progress:
        if when > at:
            break
        label = re.sub(r"\s*\d+/\d+", "", message)
    return label


def _alignment_result(ticks, idle, opened, shown, fitted, progress) -> dict:
    duration = shown - opened
    first_after = next((t for t in ticks if t >= shown), shown)  # ends the gap the shown slot sits in
    busy = gaps_ms(ticks, opened, first_after)
    after = gaps_ms(ticks, first_after, fitted + 1e-9)
    idle_same = gaps_ms(idle, None, idle[0] + duration)
    pairs = [(a, b) for a, b in zip(ticks, ticks[1:]) if opened <= a < fitted]
    longest = sorted(((b - a) * 1000, a, b) for a, b in pairs)[-8:]
    by_phase: dict[str, float] = {}
    for a, b in pairs:
        phase = _phase(a, b, shown, progress)
        by_phase[phase] = max(by_phase.get(phase, 0.0), (b - a) * 1000)
    return {
        "seconds_to_shown": duration,
        "seconds_shown_to_fitted": fitted - shown,
        "idle_seconds": min(duration, idle[-1] - idle[0]),
        "max_gap_ms": max(busy), "p99_gap_ms": percentile(busy, 0.99), "median_gap_ms": median(busy),
        "gaps_over_target": sum(g > TARGET_PAUSE_MS for g in busy),
        "idle_max_gap_ms": max(idle_same), "idle_p99_gap_ms": percentile(idle_same, 0.99),
        "idle_median_gap_ms": median(idle_same),
        "ratio_max": ratio(max(busy), max(idle_same)),
        "after_shown_max_gap_ms": max(after) if after else 0.0,
        "after_shown_gaps_over_target": sum(g > TARGET_PAUSE_MS for g in after),
        "target_met": max(busy) < TARGET_PAUSE_MS,
        "max_gap_ms_by_phase": by_phase,
        "longest_gaps": [{"ms": round(ms, 1), "at_s": round(a - opened, 3),
                          "phase": _phase(a, b, shown, progress)} for ms, a, b in reversed(longest)],
    }


def diagnose_in_subprocess(json_out: Path) -> dict:
    """Run the alignment again in a fresh process (the model cold again) with stack sampling.
    Its results count if it wrote them, even if it then failed on the way out."""
    command = [sys.executable, str(Path(__file__).resolve()), "--diagnose", "--json", str(json_out)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=1200)
    if not json_out.exists():
        return {"error": f"diagnostic run failed (exit {done.returncode}): {done.stderr[-3000:]}"}
    return json.loads(json_out.read_text())["diagnosis"]


def bench_diagnose(scratch: Path) -> dict:
    faulthandler.enable()  # a crash, too, leaves a traceback
    return bench_alignment(scratch, idle_s=2.0, dump_path=scratch / "stalls.txt")


class GcRecorder:
    """Every cyclic garbage collection (start, end, generation), whichever thread runs it."""

    def __init__(self) -> None:
        self.runs: list[tuple[float, float, int]] = []
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        now = time.perf_counter()
        if phase == "start":
            self._started = now
        else:
            self.runs.append((self._started, now, info["generation"]))

    def stop(self) -> None:
        gc.callbacks.remove(self._callback)

    def full_ms_within(self, start: float, end: float) -> float:
        """Milliseconds of full (generation 2) collections overlapping [start, end]."""
        return sum(max(0.0, min(b, end) - max(a, start)) for a, b, gen in self.runs if gen == 2) * 1000


def parse_stall_dumps(text: str, main_ident: int, collections: GcRecorder) -> list[dict]:
    """One entry per gap over the dump delay, longest first: its length, how much of it full
    garbage collections took, and the stacks (innermost frame first) sampled during it."""
    stalls, samples = [], []
    for block in re.split(r"^(?=Timeout \(|@gap )", text, flags=re.M):
        if block.startswith("@gap "):
            start, end = map(float, block.split()[1:3])
            stalls.append({"ms": round((end - start) * 1000, 1), "at": start,
                           "gc_full_ms": round(collections.full_ms_within(start, end), 1), "samples": samples})
            samples = []
        elif block.startswith("Timeout"):
            samples.append(_threads_of_dump(block, main_ident))
    return sorted(stalls, key=lambda s: -s["ms"])


def _threads_of_dump(block: str, main_ident: int) -> dict[str, list[str]]:
    threads = {}
    for part in re.split(r"^(?=Thread 0x)", block, flags=re.M)[1:]:
        ident = int(re.match(r"Thread (0x[0-9a-f]+)", part).group(1), 16)
        frames = re.findall(r'File "([^"]+)", line (\d+) in (\S+)', part)
        name = "main" if ident == main_ident else "worker"
        threads[name] = [f"{_short(path)}:{line} {func}" for path, line, func in frames]
    return threads


def _short(path: str) -> str:
    for marker in ("/desktop/", "/site-packages/", "/benchmarks/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def _where(frames: list[str]) -> str:
    """A stack in short: its innermost frame outside importlib, and the StoryDiff frame it came from."""
    if not frames:
        return "(no Python frame)"
    if frames[0].startswith("gui_bench.py"):
        return "in the Qt event loop, running no Python (waiting for the GIL)"
    inner = next((f for f in frames if not f.startswith("<frozen")), frames[0])
    ours = next((f for f in frames if f.startswith("storydiff/")), None)
    return inner + (f"  (from {ours})" if ours and ours != inner else "")


def summarise_stalls(stalls: list[dict], limit: int = 8) -> list[str]:
    """Readable lines: for the longest stalls, full-GC share and what each thread was in."""
    lines = []
    for stall in stalls[:limit]:
        lines.append(f"gap {stall['ms']:.0f} ms (full GC {stall['gc_full_ms']:.0f} ms), "
                     f"{len(stall['samples'])} samples")
        counts: dict[str, Counter] = {}
        for sample in stall["samples"]:
            for thread, frames in sample.items():
                counts.setdefault(thread, Counter())[_where(frames)] += 1
        for thread in sorted(counts, key=lambda name: name != "main"):
            for where, n in counts[thread].most_common(2):
                lines.append(f"    {thread:>6} x{n}: {where}")
    return lines


# ---------------------------------------------------------------------------------------------
# 3. Building and scrolling a 1,000-row comparison


def big_comparison(rows: int = 1000, versions: int = 5):
    """5 versions of a 1,000-sentence story compared with the bag-of-words fake, cut to ``rows`` rows."""
    from fakes import BagOfWordsEmbedder

    from storydiff.engine import compare, make_version
    from storydiff.ingest import read_bytes

    texts = [story_text(s, random.Random(3)) for s in story_versions(rows, versions, seed=4)]
    docs = [make_version(read_bytes(t.encode("utf-8"), f"v{n}.txt", kind="auto"), f"outlet {n}", f"v{n}")
            for n, t in enumerate(texts, start=1)]
    comparison = compare(docs, reference="v1", threshold=0.5, embedder=BagOfWordsEmbedder())
    kept = comparison.rows[:rows]
    return dataclasses.replace(comparison, rows=kept,
                               changes=tuple(c for c in comparison.changes if c.row < len(kept)))


def plain_texts(comparison) -> list[list[str]]:
    from storydiff.presentation import cell_view, default_columns

    columns = default_columns(comparison)
    return [[cell_view(comparison, r, v, show_trivial=True).text for v in columns]
            for r in range(len(comparison.rows))]


def scroll_frames(table, bar=None) -> list[float]:
    """Scroll from the top to the bottom (or along ``bar``) in page steps, repainting each step;
    seconds per step."""
    from PySide6.QtWidgets import QApplication

    bar = bar if bar is not None else table.verticalScrollBar()
    bar.setValue(0)
    QApplication.processEvents()
    frames = []
    while bar.value() < bar.maximum():
        start = time.perf_counter()
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        table.viewport().repaint()
        QApplication.processEvents()
        frames.append(time.perf_counter() - start)
    return frames


def bench_compare_view(comparison, *, sideways: bool = False) -> dict:
    """First paint, all rows fitted and vertical scrolling; with ``sideways`` also the
    horizontal scrolling (page steps along the sideways scrollbar, from the top)."""
    from storydiff.ui.views.compare_view import CompareView

    view = CompareView()
    show_and_wait_painted(view, VIEW_SIZE)
    spin(200)
    table = view.table
    watcher, fitted_signal = paint_watcher(table.viewport()), Emissions(view.rows_fitted)
    start = time.perf_counter()
    painted = run_until(lambda: view.set_comparison(comparison), watcher.painted, 60)
    fitted = fitted_signal.first_since(start, 120)
    frames = scroll_frames(table)
    result = _view_result(start, painted, fitted, frames, table)
    if sideways:
        table.verticalScrollBar().setValue(0)
        result.update(_sideways_result(table, scroll_frames(table, table.horizontalScrollBar())))
    view.close()
    return result


def _sideways_result(table, frames: list[float]) -> dict:
    return {
        "h_pages": len(frames),
        "h_frame_median_ms": median(frames) * 1000 if frames else float("nan"),
        "h_frame_max_ms": max(frames) * 1000 if frames else float("nan"),
        "columns_visible": len({table.columnAt(x) for x in range(0, table.viewport().width(), 20)} - {-1}),
    }


def bench_plain_table(texts: list[list[str]], headers: list[str], fit_rows: bool) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

    table = QTableView()  # scrolled and sized like the compare view's table
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(True)
    show_and_wait_painted(table, VIEW_SIZE)
    spin(200)
    watcher = paint_watcher(table.viewport())

    def build() -> None:
        model = QStandardItemModel(len(texts), len(headers), table)
        model.setHorizontalHeaderLabels(headers)
        for r, row in enumerate(texts):
            for c, text in enumerate(row):
                model.setItem(r, c, QStandardItem(text))
        table.setModel(model)

    start = time.perf_counter()
    painted = run_until(build, watcher.painted, 60)
    if fit_rows:
        table.resizeRowsToContents()
    fitted = time.perf_counter()
    frames = scroll_frames(table)
    result = _view_result(start, painted, fitted, frames, table)
    table.close()
    return result


def _view_result(start, painted, fitted, frames, table) -> dict:
    if painted is None:
        raise RuntimeError("the table was never painted")
    return {
        "first_paint_s": painted - start,
        "fitted_s": fitted - start,
        "pages": len(frames),
        "scroll_total_s": sum(frames),
        "frame_median_ms": median(frames) * 1000,
        "frame_max_ms": max(frames) * 1000 if frames else float("nan"),
        "scroll_height_px": table.verticalScrollBar().maximum() + table.viewport().height(),
    }


def bench_view() -> dict:
    from storydiff.presentation import default_columns

    start = time.perf_counter()
    comparison = big_comparison()
    built = time.perf_counter() - start
    texts = plain_texts(comparison)
    headers = [comparison.version(v).label for v in default_columns(comparison)]
    results = {
        "rows": len(comparison.rows), "columns": len(headers), "view_size": list(VIEW_SIZE),
        "comparison_build_s": built,
        "compare_view": bench_compare_view(comparison),
        "plain": bench_plain_table(texts, headers, fit_rows=False),
        "plain_fitted": bench_plain_table(texts, headers, fit_rows=True),
    }
    cv, plain, fitted = results["compare_view"], results["plain"], results["plain_fitted"]
    results["ratios"] = {
        "first_paint": ratio(cv["first_paint_s"], plain["first_paint_s"]),
        "scroll_total": ratio(cv["scroll_total_s"], plain["scroll_total_s"]),
        "frame_median": ratio(cv["frame_median_ms"], plain["frame_median_ms"]),
        "frame_max": ratio(cv["frame_max_ms"], plain["frame_max_ms"]),
        "fitted_vs_plain_fitted": ratio(cv["fitted_s"], fitted["fitted_s"]),
        "scroll_total_vs_plain_fitted": ratio(cv["scroll_total_s"], fitted["scroll_total_s"]),
        "frame_median_vs_plain_fitted": ratio(cv["frame_median_ms"], fitted["frame_median_ms"]),
    }
    return results


# ---------------------------------------------------------------------------------------------
# 4. Many versions: 40 x 40 against 5 x 40


def bench_wide() -> dict:
    cases = {}
    for versions in (5, 40):
        comparison = big_comparison(rows=40, versions=versions)
        cases[versions] = dict(bench_compare_view(comparison, sideways=True), rows=len(comparison.rows))
    few, many = cases[5], cases[40]
    return {
        "view_size": list(VIEW_SIZE), "five": few, "forty": many,
        "ratios": {
            "first_paint": ratio(many["first_paint_s"], few["first_paint_s"]),
            "fitted": ratio(many["fitted_s"], few["fitted_s"]),
            "vertical_frame_median": ratio(many["frame_median_ms"], few["frame_median_ms"]),
            "horizontal_frame_median_vs_vertical_5": ratio(many["h_frame_median_ms"], few["frame_median_ms"]),
        },
    }


# ---------------------------------------------------------------------------------------------
# Report


def commit() -> str:
    """The checked-out commit, ``-dirty`` when tracked files differ from it."""
    done = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True, cwd=ROOT)
    return done.stdout.strip() or "?"


def machine() -> dict:
    from PySide6 import QtCore

    return {
        "commit": commit(),
        "python": platform.python_version(), "pyside6": QtCore.__version__, "cpus": os.cpu_count(),
        "machine": platform.machine(), "platform": os.environ.get("QT_QPA_PLATFORM", "(default)"),
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }


def report_lines(results: dict) -> list[str]:
    lines = [f"{'measure':<46}{'StoryDiff':>12}{'baseline':>12}{'ratio':>8}", "-" * 78]

    def row(label, value, base, unit, fmt="{:.2f}"):
        lines.append(f"{label:<46}{(fmt + unit).format(value):>12}{(fmt + unit).format(base):>12}"
                     f"{ratio(value, base):>7.2f}x")

    if "launch" in results:
        lr = results["launch"]
        sd, bare = lr["median"]["storydiff"], lr["median"]["bare"]
        row(f"1 launch to painted window (median of {lr['repeats']})", sd["painted"], bare["painted"], " s")
        row("    of which: until window built", sd["built"], bare["built"], " s")
        lines.append(f"    torch imported at first paint: {'yes' if lr['torch_imported'] else 'no'}, "
                     f"sentence_transformers: {'yes' if lr['sentence_transformers_imported'] else 'no'}"
                     f" (window {lr['window_size'][0]}x{lr['window_size'][1]})")
    if "align" in results:
        al = results["align"]
        row("2 longest event-loop gap, open to shown", al["max_gap_ms"], al["idle_max_gap_ms"], " ms", "{:.1f}")
        row("    99th percentile gap", al["p99_gap_ms"], al["idle_p99_gap_ms"], " ms", "{:.1f}")
        lines.append(f"    target < {TARGET_PAUSE_MS:.0f} ms: {'met' if al['target_met'] else 'MISSED'}"
                     f" ({al['gaps_over_target']} gaps over it); baseline: idle, same window, "
                     f"{al['idle_seconds']:.1f} s")
        lines.append(f"    {al['versions']} versions x {al['sentences'][0]} sentences -> {al['rows']} rows: "
                     f"shown after {al['seconds_to_shown']:.1f} s (cold model and cache)")
        lines.append(f"    shown -> rows fitted: {al['seconds_shown_to_fitted']:.2f} s, longest gap "
                     f"{al['after_shown_max_gap_ms']:.1f} ms ({al['after_shown_gaps_over_target']} over target)")
        lines.append("    longest gap by phase (ms):")
        lines += [f"      {phase:<40}{ms:>8.1f}" for phase, ms in al["max_gap_ms_by_phase"].items()]
    if "view" in results:
        vr = results["view"]
        cv, plain, fit = vr["compare_view"], vr["plain"], vr["plain_fitted"]
        lines.append(f"3 {vr['rows']} rows x {vr['columns']} versions, {vr['view_size'][0]}x{vr['view_size'][1]}"
                     f" (comparison built in {vr['comparison_build_s']:.1f} s, not timed below)")
        row("    set_comparison -> first paint", cv["first_paint_s"], plain["first_paint_s"], " s", "{:.3f}")
        row("    scroll top to bottom, total", cv["scroll_total_s"], plain["scroll_total_s"], " s", "{:.3f}")
        row("    per page: median", cv["frame_median_ms"], plain["frame_median_ms"], " ms", "{:.1f}")
        row("    per page: max", cv["frame_max_ms"], plain["frame_max_ms"], " ms", "{:.1f}")
        lines.append(f"    pages: {cv['pages']} vs {plain['pages']} (rows wrapped vs one line each)")
        lines.append("  against a plain table whose rows are fitted too (resizeRowsToContents):")
        row("    until all rows fitted", cv["fitted_s"], fit["fitted_s"], " s", "{:.3f}")
        row("    scroll top to bottom, total", cv["scroll_total_s"], fit["scroll_total_s"], " s", "{:.3f}")
        row("    per page: median", cv["frame_median_ms"], fit["frame_median_ms"], " ms", "{:.1f}")
        lines.append(f"    pages: {cv['pages']} vs {fit['pages']}")
    if "wide" in results:
        wr = results["wide"]
        few, many = wr["five"], wr["forty"]
        lines.append(f"4 40 versions vs 5 versions, {many['rows']} statements, {wr['view_size'][0]}x{wr['view_size'][1]}"
                     f" ({many['columns_visible']} of 40 columns in view)")
        row("    set_comparison -> first paint", many["first_paint_s"], few["first_paint_s"], " s", "{:.3f}")
        row("    until all rows fitted", many["fitted_s"], few["fitted_s"], " s", "{:.3f}")
        row("    vertical scroll, per page: median", many["frame_median_ms"], few["frame_median_ms"], " ms", "{:.1f}")
        row("    horizontal scroll, per page: median", many["h_frame_median_ms"], few["frame_median_ms"], " ms", "{:.1f}")
        lines.append(f"    (horizontal: {many['h_pages']} pages, max {many['h_frame_max_ms']:.1f} ms; baseline: "
                     f"the 5-version vertical page, which has no sideways scrolling)")
    diagnosis = results.get("diagnosis")
    if diagnosis and "error" in diagnosis:
        lines.append(diagnosis["error"])
    elif diagnosis:
        lines.append(f"stalls over 30 ms in a second run with stack sampling (fresh process, cold model; "
                     f"longest gap {diagnosis['max_gap_ms']:.0f} ms there):")
        lines += ["  " + line for line in summarise_stalls(diagnosis["stalls"])]
    return lines


def parse_args(argv) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write all results as JSON here")
    parser.add_argument("--only", action="append", choices=("launch", "align", "view", "wide"))
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--idle-seconds", type=float, default=40.0)
    parser.add_argument("--no-diagnose", action="store_true", help="no sampled rerun if the target is missed")
    parser.add_argument("--diagnose", action="store_true", help="only the sampled alignment run")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    parts = args.only or ["launch", "align", "view", "wide"]
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="gui-bench-") as tmp:
        scratch = Path(tmp)
        os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
        if "launch" in parts and not args.diagnose:
            results["launch"] = bench_launch(args.launches, scratch)
        from PySide6.QtWidgets import QApplication

        app = QApplication(sys.argv[:1])
        isolate_qt_settings(scratch / "settings")
        results["machine"] = dict(machine(), qt_platform=app.platformName())
        if args.diagnose:
            results["diagnosis"] = bench_diagnose(scratch)
        else:
            if "align" in parts:
                results["align"] = bench_alignment(scratch, args.idle_seconds)
                if not results["align"]["target_met"] and not args.no_diagnose:
                    results["diagnosis"] = diagnose_in_subprocess(scratch / "diagnosis.json")
            if "view" in parts:
                results["view"] = bench_view()
            if "wide" in parts:
                results["wide"] = bench_wide()
    m = results["machine"]
    print(f"StoryDiff GUI benchmark, {m['date']}, Qt platform {m['qt_platform']}, {m['cpus']} CPUs, "
          f"Python {m['python']}, PySide6 {m['pyside6']}, commit {m['commit']}")
    print("\n".join(report_lines(results)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
