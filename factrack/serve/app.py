"""The web app: server-rendered pages over one store (Starlette + Jinja2, no JavaScript).

Safe by default: ``factrack serve`` binds 127.0.0.1; Jinja autoescapes every value (an article's
``<script>`` shows as text); the only state-changing request, setting a review mark, is a POST
with a CSRF token (double-submit: a random cookie that the form repeats; a page on another site can
neither read the cookie nor set it, so it cannot forge the form); ``read_only`` refuses every POST
with 403 and leaves the forms out. The store is opened once for reading and reopened when an
index run has changed it; a review mark opens it for writing for that one request.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode, urlsplit

from factrack.errors import FactrackError, InputError, LockedError, StoreError
from factrack.store import MARKS, TARGETS, Store

if TYPE_CHECKING:
    from factrack.embed import Embedder

CSRF_COOKIE = "factrack_csrf"
HERE = Path(__file__).parent


class _Stores:
    """One read-only store shared by the requests (behind a lock: one SQLite connection), reopened
    when its generation moved (an index run added or removed statements: the FAISS index changed)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.store: Store | None = None
        self.generation = -1
        self.listings: dict[tuple, list[Any]] = {}  # find_claims answers by store state (views.contradictions_page)
        Store.open(path).close()  # a missing or unreadable store fails now, not on the first page

    @contextmanager
    def reading(self) -> Iterator[Store]:
        with self.lock:
            if self.store is not None and self.store.generation() != self.generation:
                self.store.close()
                self.store = None
            if self.store is None:
                self.store = Store.open(self.path)
                self.generation = self.store.generation()
            yield self.store

    @contextmanager
    def writing(self) -> Iterator[Store]:
        with self.lock, Store.open(self.path, write=True, timeout=5.0) as store:
            yield store

    def close(self) -> None:
        with self.lock:
            if self.store is not None:
                self.store.close()
                self.store = None


def _templates() -> Any:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(["html", "svg"], default_for_string=True, default=True),
                      trim_blocks=True, lstrip_blocks=True)
    from factrack.serve.views import sentence_segments

    env.globals.update(MARKS=MARKS, quote=quote, urlencode=urlencode, sentence_segments=sentence_segments)
    env.filters["pct"] = lambda x: f"{100 * float(x):.0f}%"
    env.filters["day"] = lambda s: (s or "")[:10] or "—"
    env.filters["src"] = lambda s: s.source or s.doc.rsplit("/", 1)[-1]
    env.filters["web_url"] = lambda u: u if isinstance(u, str) and urlsplit(u).scheme in ("http", "https") else None
    return env


def _safe_next(value: str | None) -> str:
    """Only same-site paths: a form cannot be used to redirect elsewhere."""
    if not value:
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/") or value.startswith("//"):
        return "/"
    return value


def _warm_listing(stores: _Stores) -> None:
    """Fill the listing cache for the contradictions page's default filters, on a connection of its
    own (the pages' shared one stays free); a failure only leaves the cache empty."""
    from factrack.serve import views

    try:
        with Store.open(stores.path) as store:
            views.contradictions_page(store, views.ContradictionFilters(), stores.listings)
    except Exception:  # noqa: BLE001 - best effort: the page computes it itself when asked
        return


def create_app(db: Path | str, read_only: bool = False, *, embedder: Embedder | None = None, warm: bool = False,
               article_files: bool = True) -> Any:
    """The ASGI app for the store in ``db``; ``embedder`` replaces the store model's query embedder
    (tests pass a fake); ``warm`` computes the default contradictions listing in a background
    thread at once (on a large store its first computation takes long); ``article_files``: the
    article page reads an article's file (only a doc the store records) to show its whole text
    when the file is unchanged since indexing. Raises ``StoreError`` at
    once when there is no readable store."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import (
        HTMLResponse,
        PlainTextResponse,
        RedirectResponse,
        Response,
    )
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from factrack.serve import views

    stores = _Stores(Path(db).expanduser())
    env = _templates()
    if warm:
        threading.Thread(target=_warm_listing, args=(stores,), daemon=True, name="factrack-warm").start()

    def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        html = env.get_template(name).render(request=request, read_only=read_only, csrf=token, here=here,
                                             db=str(stores.path), **context)
        response = HTMLResponse(html, status_code=status)
        if request.cookies.get(CSRF_COOKIE) != token:
            response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"
        )
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    def page(fn: Callable[[Request, Store], tuple[str, dict[str, Any]]]) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            try:
                with stores.reading() as store:
                    name, context = fn(request, store)
                    return render(request, name, **context)
            except InputError as e:
                return render(request, "error.html", 404 if str(e).startswith("no ") else 400, message=str(e),
                              title="Not found")
            except StoreError as e:
                return render(request, "error.html", 503, message=str(e), title="Store problem")
        return endpoint

    def arg(request: Request, name: str) -> str:
        return (request.query_params.get(name) or "").strip()

    def search(request: Request, store: Store) -> tuple[str, dict[str, Any]]:
        q = arg(request, "q")
        filters = {"lang": arg(request, "lang") or None, "speaker": arg(request, "speaker") or None}
        results = views.search_page(store, q, k=10, embedder=embedder, **filters) if q else []
        return "search.html", {"q": q, "filters": filters, "results": results, "title": q or "Search"}

    def claim(request: Request, store: Store) -> tuple[str, dict[str, Any]]:
        try:
            cid = int(request.path_params["claim_id"])
        except ValueError:
            raise InputError("no such claim: ids are numbers") from None
        p = views.claim_page(store, cid)
        return "claim.html", {"p": p, "title": f"Claim #{cid}"}

    def article(request: Request, store: Store) -> tuple[str, dict[str, Any]]:
        doc = arg(request, "doc")
        if not doc:
            raise InputError("which article? (?doc=...)")
        s = arg(request, "s")
        p = views.article_page(store, doc, int(s) if s.isdigit() else None, files=article_files)
        return "article.html", {"p": p, "title": p.meta.get("title") or doc}

    def contradictions(request: Request, store: Store) -> tuple[str, dict[str, Any]]:
        try:
            min_score = float(arg(request, "min_score") or 0.7)
            limit = max(1, min(int(arg(request, "limit") or 50), 500))
        except ValueError:
            raise InputError("min_score and limit are numbers") from None
        f = views.ContradictionFilters(
            speaker=arg(request, "speaker") or None, source=arg(request, "source") or None,
            lang=arg(request, "lang") or None, since=arg(request, "since") or None, until=arg(request, "until") or None,
            min_score=min_score, reviewed=arg(request, "reviewed") or "any",
            show_false_positives=arg(request, "fp") == "1", limit=limit)
        rows, total = views.contradictions_page(store, f, stores.listings)
        return "contradictions.html", {"rows": rows, "total": total, "f": f, "title": "Contradictions"}

    def speaker(request: Request, store: Store) -> tuple[str, dict[str, Any]]:
        name = arg(request, "name")
        if not name:
            return "speakers.html", {"speakers": views.speakers_page(store), "title": "Speakers"}
        p = views.speaker_page(store, name)
        return "speaker.html", {"p": p, "title": p.name}

    async def review_post(request: Request) -> Response:
        if read_only:
            return PlainTextResponse("read-only: this server does not change the store", status_code=403)
        form = await request.form()
        cookie = request.cookies.get(CSRF_COOKIE) or ""
        sent = str(form.get("csrf") or "")
        if not cookie or not hmac.compare_digest(cookie.encode(), sent.encode()):
            return PlainTextResponse("CSRF check failed: reload the page and submit the form again", status_code=403)
        target = str(form.get("target") or "")
        mark = str(form.get("mark") or "")
        try:
            ids = [int(x) for x in str(form.get("ids") or "").split(",") if x.strip()]
        except ValueError:
            ids = []
        if target not in TARGETS or (mark not in MARKS and mark != "clear") or not ids:
            return PlainTextResponse("bad review form (target, ids, mark)", status_code=400)
        from factrack import review

        try:
            with stores.writing() as store:
                if mark == "clear":
                    review.clear_mark(store, target, ids)
                else:
                    review.set_mark(store, target, ids, mark, note=str(form.get("note") or "")[:2000],
                                    reviewer=str(form.get("reviewer") or "")[:200])
        except LockedError:
            return PlainTextResponse("the store is being written by another process (an index run?); try again soon",
                                     status_code=503)
        except FactrackError as e:
            return PlainTextResponse(str(e), status_code=400 if isinstance(e, InputError) else 503)
        return RedirectResponse(_safe_next(str(form.get("next") or "")), status_code=303)

    def not_allowed(request: Request) -> Response:
        return PlainTextResponse("method not allowed", status_code=405)

    routes = [
        Route("/", page(search), methods=["GET"]),
        Route("/claim/{claim_id}", page(claim), methods=["GET"]),
        Route("/article", page(article), methods=["GET"]),
        Route("/contradictions", page(contradictions), methods=["GET"]),
        Route("/speaker", page(speaker), methods=["GET"]),
        Route("/review", review_post, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    @asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        yield
        stores.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.stores = stores
    return app
