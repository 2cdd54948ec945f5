"""``python -m certmock serve``: the emulator over HTTP, for clients in any process or language.

``Application`` is a WSGI application over the running mock (any WSGI server can host it);
``cli`` runs it on cheroot, the ``server`` extra, by default.
"""

from certmock.server.app import Application

__all__ = ["Application"]
