"""``factrack serve``: browse a store in a web browser (search, claims, articles, contradictions,
speakers) and set review marks. ``create_app`` builds the ASGI app; the pages' data come from
``views``, which needs no web framework."""

from factrack.serve.app import create_app

__all__ = ["create_app"]
