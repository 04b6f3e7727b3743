"""A small hand-made store for the web pages and the report: Arabic and English articles with real
offsets and sentences, claims grouped by ``claims.assign``, a stance contradiction and a figure
contradiction between two claims, and an article whose words hold markup. Vectors come from the
fake embedder, so that the pages' search (which embeds the query with it) finds them."""

from __future__ import annotations

from pathlib import Path

from factrack import claims as cl
from factrack.embed import FakeEmbedder
from factrack.records import Article, Kind, Polarity, Statement
from factrack.store import Store

EMBEDDER = FakeEmbedder(64)

# (doc, title, source, published, lang, url, [(sentence, statement words, speaker, polarity)])
ARTICLES = [
    ("wire/bread-en.txt", "Bakers say the loaf shrank", "Wire", "2026-03-01", "en", "https://example.org/bread",
     [("Baker Samir Fathy said the loaf's weight has changed since January.", "the loaf's weight has changed since January",
       "Samir Fathy", Polarity.ASSERTS)]),
    ("daily/bread-denial.txt", "Ministry denies change", "Daily", "2026-03-03", "en", None,
     [("Minister Ali Mansour denied that the loaf's weight has changed since January.",
       "the loaf's weight has changed since January", "Ali Mansour", Polarity.DENIES)]),
    ("wire/troops-en.txt", "Troop numbers", "Wire", "2026-04-02", "en", "https://example.org/troops",
     [("Kirby said about 2,500 US troops are in Iraq now.", "about 2,500 US troops are in Iraq now", "John Kirby",
       Polarity.ASSERTS)]),
    ("ahram/troops-ar.txt", "عدد القوات", "الأهرام", "2026-04-05", "ar", None,
     [("وقال فؤاد حسين إن حوالي 3500 جندي أمريكي موجودون في العراق الآن.", "حوالي 3500 جندي أمريكي موجودون في العراق الآن",
       "Fuad Hussein", Polarity.ASSERTS),
      ("ونفى فؤاد حسين أن تكون القوات الأمريكية ستغادر العراق هذا العام.", "تكون القوات الأمريكية ستغادر العراق هذا العام",
       "Fuad Hussein", Polarity.DENIES)]),
    ("ahram/troops-ar2.txt", "انسحاب", "الأهرام", "2026-02-01", "ar", None,
     [("وأكد فؤاد حسين أن القوات الأمريكية ستغادر العراق هذا العام.", "القوات الأمريكية ستغادر العراق هذا العام",
       "Fuad Hussein", Polarity.ASSERTS)]),
    ("blog/markup.txt", "<script>alert('title')</script>", "Blog", "2026-05-01", "en", "javascript:alert(1)",
     [("Evil said <script>alert('x')</script> is a harmless tag here.", "<script>alert('x')</script> is a harmless tag here",
       "<b>Evil</b>", Polarity.ASSERTS)]),
]


def build_store(path: Path) -> dict[str, int]:
    """Build the store in ``path``; returns statement ids by a short name."""
    names = ["fathy", "mansour", "kirby", "hussein_3500", "hussein_denies", "hussein_asserts", "evil"]
    ids: list[int] = []
    with Store.open(path, write=True) as store:
        store.set_model(EMBEDDER.name, EMBEDDER.dim)
        store.add_speakers([("Fuad Hussein", ("فؤاد حسين",), "Iraqi foreign minister"),
                            ("John Kirby", ("جون كيربي", "Kirby"), "Pentagon spokesman")])
        for doc, title, source, published, lang, url, rows in ARTICLES:
            text = "Intro line.\n" + " ".join(sentence for sentence, *_ in rows)
            statements = []
            for sentence, words, speaker, polarity in rows:
                s0 = text.index(sentence)
                a = text.index(words, s0)
                statements.append(Statement(doc=doc, text=words, start=a, end=a + len(words), kind=Kind.INDIRECT,
                                            lang=lang, speaker=speaker, polarity=polarity, sentence_start=s0,
                                            sentence_end=s0 + len(sentence)))
            got, _ = store.put_article(Article(doc=doc, text=text, title=title, source=source, published=published,
                                               lang=lang, url=url), statements, EMBEDDER.embed([s.text for s in statements]))
            ids += got
        cl.assign(store)
        by = dict(zip(names, ids, strict=True))
        store.put_verdicts([(by["kirby"], by["hussein_3500"], "contradiction", 0.86,
                             ["number differs: 2,500 vs 3500 (troops)"], "test")])
    return by
