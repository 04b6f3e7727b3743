"""The store under damage: a broken FAISS file, a damaged SQLite file, a full disk, a kill's
left-overs, a --db that is a file. Each is a clear StoreError or a repair, never a traceback."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from factrack.embed import FakeEmbedder
from factrack.errors import StoreError
from factrack.records import Article, Kind, Statement
from factrack.store import DB_NAME, Store

EMB = FakeEmbedder(32)
TEXTS = ["The army will leave Iraq.", "قال الوزير إن القوات ستنسحب.", "Exports fell by 20 percent.",
         "لن تغادر القوات الأميركية العراق."]


def fill(db: Path, texts: list[str] = TEXTS) -> list[int]:
    ids: list[int] = []
    with Store.open(db, write=True) as store:
        store.set_model(EMB.name, EMB.dim)
        for n, t in enumerate(texts):
            article = Article(doc=f"/news/{n}.txt", text=t)
            st = Statement(doc=article.doc, text=t, start=0, end=len(t), kind=Kind.CLAIM, lang="en")
            got, _ = store.put_article(article, [st], EMB.embed([t]))
            ids += got
    return ids


def nearest_text(db: Path, text: str) -> str:
    with Store.open(db) as store:
        best = int(store.nearest(EMB.embed([text]), 1)[1][0][0])
        return store.statement(best).text


def test_a_damaged_faiss_file_is_rebuilt_by_readers_and_repaired_by_the_next_writer(tmp_path: Path) -> None:
    db = tmp_path / "db"
    fill(db)
    (faiss_file,) = db.glob("vectors-*.faiss")
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])  # truncated mid-file
    assert nearest_text(db, "Exports fell by 20 percent.") == "Exports fell by 20 percent."
    with Store.open(db, write=True) as store:  # a no-change writer run repairs the file
        assert store.check() == []
    import faiss

    (repaired,) = db.glob("vectors-*.faiss")
    assert faiss.read_index(str(repaired)).ntotal == len(TEXTS)


def test_temporary_faiss_files_left_by_a_kill_are_removed(tmp_path: Path) -> None:
    db = tmp_path / "db"
    fill(db)
    left = db / ".vectors-7.faiss.tmp"
    left.write_bytes(b"half written")
    with Store.open(db):
        assert left.exists()  # a reader changes nothing
    with Store.open(db, write=True):
        pass
    assert not left.exists()


def test_db_pointing_at_a_file_is_a_store_error(tmp_path: Path) -> None:
    f = tmp_path / "notes.txt"
    f.write_text("x", encoding="utf-8")
    for write in (False, True):
        with pytest.raises(StoreError, match="is a file"):
            Store.open(f, write=write)


def test_a_damaged_sqlite_file_is_a_store_error_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "db"
    fill(db, TEXTS * 200)  # several pages, so damage can land mid-file
    raw = bytearray((db / DB_NAME).read_bytes())
    page = 4096
    for p in range(2, len(raw) // page):  # leave the header page, scribble over every other one
        raw[p * page : p * page + 64] = b"\xff" * 64
    (db / DB_NAME).write_bytes(bytes(raw))
    with pytest.raises(StoreError, match="damaged|cannot open"):
        with Store.open(db) as store:
            store.statements(list(range(1, 800)))
            store.count()


def test_a_full_disk_is_one_store_error_and_keeps_what_was_committed(tmp_path: Path) -> None:
    db = tmp_path / "db"
    ids = fill(db)
    with pytest.raises(StoreError, match="disk is full"):
        with Store.open(db, write=True) as store:
            pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
            store._conn.execute(f"PRAGMA max_page_count={pages}")  # the disk fills up now
            big = "word " * 20_000
            article = Article(doc="/news/big.txt", text=big)
            st = Statement(doc=article.doc, text=big, start=0, end=len(big), kind=Kind.CLAIM, lang="en")
            store.put_article(article, [st], EMB.embed([big]))
    with Store.open(db, write=True) as store:
        assert store.ids().tolist() == ids and store.check() == []


def test_ids_beyond_sqlite_integers_are_unknown_ids(tmp_path: Path) -> None:
    db = tmp_path / "db"
    fill(db)
    with Store.open(db) as store:
        assert store.statements([10**20]) == []
        with pytest.raises(StoreError, match="no statement"):
            store.statement(10**20)


def test_new_statements_wait_on_the_to_score_list_until_their_verdicts_are_stored(tmp_path: Path) -> None:
    db = tmp_path / "db"
    ids = fill(db)
    with Store.open(db, write=True) as store:
        assert store.unscored_ids() == ids
        store.put_verdicts([(ids[0], ids[3], "contradiction", 0.9, ["negation"], "cues")], scored=ids[:2])
        assert store.unscored_ids() == ids[2:]
        store.remove_articles(["/news/3.txt"])  # a removed statement leaves the list with it
        assert store.unscored_ids() == ids[2:3]


def test_an_old_store_without_verdicts_has_everything_to_score(tmp_path: Path) -> None:
    db = tmp_path / "db"
    ids = fill(db)
    with Store.open(db, write=True) as store:  # as a schema-2 store would be: no to-score table
        store._conn.execute("DROP TABLE unscored")
        store._conn.execute("UPDATE meta SET value='2' WHERE key='schema'")
    with Store.open(db, write=True) as store:
        assert store.unscored_ids() == ids
    np.testing.assert_array_equal(Store.open(db).ids(), ids)


def test_a_store_the_reader_may_not_write_can_still_be_queried(tmp_path: Path) -> None:
    """A store shared read-only (another user's, or on a read-only mount): no -shm file can be
    created next to it, and lookups still work."""
    import os
    import shutil
    import subprocess
    import sys
    import tempfile

    shared = Path(tempfile.mkdtemp(prefix="factrack-ro-", dir="/tmp"))
    try:
        os.chmod(shared, 0o755)
        db = shared / "db"
        fill(db)
        for p in (db, *db.iterdir()):
            os.chmod(p, 0o555 if p.is_dir() else 0o444)
        code = ("from factrack.store import Store\nfrom factrack.embed import FakeEmbedder\n"
                f"with Store.open({str(db)!r}) as s:\n"
                "    print(s.count(), int(s.nearest(FakeEmbedder(32).embed(['Exports fell by 20 percent.']), 1)[1][0][0]))\n")
        cmd = [sys.executable, "-c", code]
        if os.geteuid() == 0:  # root may write anywhere: run the reader as nobody
            if shutil.which("setpriv") is None:
                pytest.skip("running as root without setpriv to drop privileges")
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
        if "No module named" in out.stderr or "Permission denied" in out.stderr and "factrack" not in out.stderr:
            pytest.skip(f"the unprivileged user cannot run this checkout's Python: {out.stderr[-200:]}")
        assert out.returncode == 0, out.stderr[-500:]
        assert out.stdout.split() == ["4", "3"]
    finally:
        for p in shared.rglob("*"):
            os.chmod(p, 0o755)
        shutil.rmtree(shared, ignore_errors=True)
