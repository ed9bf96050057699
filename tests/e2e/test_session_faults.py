"""Session files against real processes: SIGKILL mid-save, a second window, a full disk.

Each fault runs in a child Python process (the script ``CHILD`` below) on a real
file; the test process then checks that the previous save is intact and opens.
None of these needs the embedding model, except the last test (marked e2e).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storydiff.core.errors import StorageError
from storydiff.storage.cache import text_key
from storydiff.storage.session import embedded_texts, load_session, open_session
from storydiff.storage.session_lock import lock_path

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and RLIMIT_FSIZE are POSIX")

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "harbour-bridge"

CHILD = r'''
import os, resource, signal, sys, time
from pathlib import Path

import numpy as np

from storydiff.core.model import Comparison, Passage, Row, Version
from storydiff.storage import session as session_module, session_files
from storydiff.storage.cache import text_key
from storydiff.storage.session import Note, open_session, save_session


def comparison(versions, sentences):
    """A synthetic comparison (no model): ``versions`` x ``sentences`` passages, 384-d vectors."""
    built, passages = [], {}
    for v in range(1, versions + 1):
        texts = [f"Sentence {i} of version {v} is about the harbour bridge." for i in range(sentences)]
        starts = np.cumsum([0] + [len(t) + 1 for t in texts])
        text = " ".join(texts)  # the real sha256: a session refuses a text that does not match it (issue 13)
        built.append(Version(f"v{v}", f"Outlet {v}", f"v{v}.txt", text, text_key(text)))
        passages[f"v{v}"] = tuple(Passage(f"v{v}", i, int(starts[i]), int(starts[i]) + len(t), t)
                                  for i, t in enumerate(texts))
    rows = tuple(Row(i, {v.id: (i,) for v in built}, {v.id: 0.9 for v in built[1:]}) for i in range(sentences))
    rng = np.random.default_rng(0)
    vectors = {f"{k:064x}": rng.standard_normal(384).astype(np.float32) for k in range(versions * sentences * 2)}
    return Comparison("m", 0.72, "v1", tuple(built), passages, rows, (), {}), {"m": vectors}


def save(path, marker, size):
    c, vectors = comparison(*size)
    save_session(path, c, embeddings=vectors, notes=[Note("version", "v1", marker)])


def kill_me(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)


def main(mode, path):
    path = Path(path)
    if mode == "save":
        save(path, sys.argv[3], (2, 10))
    elif mode.startswith("kill-"):
        point = mode[len("kill-"):]
        if point == "writing":  # the tables are written, the transaction not yet committed
            original = session_module.write_session
            def write_then_die(db, *args):
                original(db, *args)
                kill_me()
            session_module.write_session = write_then_die
        elif point == "flushing":  # the new file is complete, not yet on disk
            session_files._flush = kill_me
        elif point == "renaming":  # the new file is on disk, about to replace the old one
            session_files.os.replace = kill_me
        save(path, "second", (4, 500))
    elif mode == "loop":  # save large sessions until killed
        c, vectors = comparison(10, 600)
        for n in range(10 ** 6):
            marker = "AB"[n % 2]
            print(f"saving {n}", flush=True)
            save_session(path, c, embeddings=vectors, notes=[Note("version", "v1", marker)])
    elif mode == "hold":  # a window that has the session open
        with open_session(path):
            print("ready", flush=True)
            time.sleep(600)
    elif mode == "fsize":  # the disk fills up during the save
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a dead process
        limit = int(sys.argv[3])
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            save(path, "second", (10, 800))
        except session_module.StorageError as exc:
            print(exc)
            sys.exit(3)


main(sys.argv[1], sys.argv[2])
'''


def child(*args: object) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def finish(process: subprocess.Popen, timeout: float = 120) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


@pytest.fixture
def first_save(tmp_path) -> Path:
    """A small session whose version note says "first"."""
    path = tmp_path / "story.storydiff"
    code, _, err = finish(child("save", path, "first"))
    assert code == 0, err
    return path


def marker(path: Path) -> str:
    return load_session(path).notes[0].text


def leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(f".{path.name}."))


@pytest.mark.parametrize("point", ["writing", "flushing", "renaming"])
def test_sigkill_mid_save_leaves_the_previous_save(first_save, point):
    code, _, err = finish(child(f"kill-{point}", first_save))
    assert code == -signal.SIGKILL, err
    assert leftovers(first_save), "the kill should come while the new file exists"
    assert marker(first_save) == "first"
    with open_session(first_save) as handle:  # the dead process's lock is gone, its temp files too
        assert handle.load().notes[0].text == "first"
    assert leftovers(first_save) == [] and not lock_path(first_save).exists()


def test_sigkill_at_random_moments_leaves_a_whole_session(first_save):
    """Five kills at random times into a loop of large saves; each leaves one whole session."""
    mid_save = 0
    for seed in range(5):
        process = child("loop", first_save)
        for _ in range(2):  # let at least one large save finish, then kill during the next ones
            assert process.stdout.readline().startswith("saving"), process.stderr.read()
        time.sleep(random.Random(seed).uniform(0.0, 0.8))
        process.send_signal(signal.SIGKILL)
        finish(process)
        mid_save += bool(leftovers(first_save))
        assert marker(first_save) in {"A", "B"}
        session = load_session(first_save)
        assert len(session.comparison.versions) == 10 and len(session.comparison.rows) == 600
        with open_session(first_save):
            pass
        assert leftovers(first_save) == []
    # Saving is nearly all the loop does, so most kills land inside a save (temp file present).
    assert mid_save >= 3


def test_second_window_gets_a_clear_message_until_the_first_dies(first_save):
    holder = child("hold", first_save)
    try:
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
        with pytest.raises(StorageError, match=rf"already open in another StoryDiff window \(pid {holder.pid}\)"):
            open_session(first_save)
        assert finish(child("save", first_save, "clobber"))[0] != 0  # a second writer is refused too
        assert marker(first_save) == "first"  # reading is allowed meanwhile
    finally:
        holder.send_signal(signal.SIGKILL)
        finish(holder)
    with open_session(first_save) as handle:  # a crashed window leaves no lock behind
        assert handle.load().notes[0].text == "first"


@pytest.mark.parametrize("limit", [64 * 1024, 2 * 1024 * 1024])
def test_full_disk_loses_nothing(first_save, limit):
    before = first_save.read_bytes()
    code, out, err = finish(child("fsize", first_save, limit))
    assert code == 3, err
    assert "cannot save the session" in out and "disk is full" in out and "unchanged" in out
    assert first_save.read_bytes() == before and marker(first_save) == "first"
    assert leftovers(first_save) == []


@pytest.mark.e2e
def test_real_model_compare_save_export_round_trip(tmp_path):
    """`storydiff compare --save` with the bundled model, then `export` in a process without it."""
    files = sorted(SAMPLE.glob("*.txt"))
    env = {**os.environ, "STORYDIFF_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT / "desktop")}
    session, first, second = tmp_path / "s.storydiff", tmp_path / "a.json", tmp_path / "b.json"
    run = lambda *args: subprocess.run([sys.executable, "-m", "storydiff", *map(str, args)],  # noqa: E731
                                       capture_output=True, text=True, env=env, timeout=600)
    result = run("compare", *files, "--json", first, "--save", session, "--quiet")
    assert result.returncode == 0, result.stderr
    result = run("export", session, "--json", second, "--quiet")
    assert result.returncode == 0, result.stderr
    assert second.read_bytes() == first.read_bytes()
    loaded = load_session(session)
    assert json.loads(first.read_text())["model"] == loaded.comparison.model == "all-MiniLM-L6-v2"
    keys = {text_key(t) for t in embedded_texts(loaded.comparison)}
    assert set(loaded.embeddings["all-MiniLM-L6-v2"]) == keys  # a re-alignment needs no model
