"""The smallest endpoint the transfer benchmark compares the portal with: one UPDATE per POST.

A bare WSGI app, served by gunicorn with the portal's workers and hit by the same clients: it
reads the request body, runs ``UPDATE <transfers> SET updated_at = now() WHERE id = %s`` on the
bench database with psycopg2 (one connection per worker, autocommit) and answers a small JSON
body. A GET answers without touching the database (readiness checks). Never part of the portal.

    BENCH_MINIMAL_DSN    the bench database (postgres://…), never the portal's
    BENCH_MINIMAL_TABLE  the transfers table
"""

import os
import re

import psycopg2

PATH = re.compile(r"^/api/v1/transfers/(\d+)/confirm/$")
HEADERS = [("Content-Type", "application/json")]
_connection = None


def _cursor():
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg2.connect(os.environ["BENCH_MINIMAL_DSN"])
        _connection.autocommit = True
    return _connection.cursor()


def application(environ, start_response):
    if environ["REQUEST_METHOD"] != "POST":
        start_response("200 OK", HEADERS)
        return [b'{"ok": true}']
    environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    match = PATH.match(environ.get("PATH_INFO", ""))
    if match is None:
        start_response("404 Not Found", HEADERS)
        return [b'{"detail": "not found"}']
    table = os.environ["BENCH_MINIMAL_TABLE"]
    with _cursor() as cursor:
        cursor.execute(f'UPDATE "{table}" SET updated_at = now() WHERE id = %s', [int(match.group(1))])
        updated = cursor.rowcount
    if not updated:
        start_response("404 Not Found", HEADERS)
        return [b'{"detail": "not found"}']
    start_response("200 OK", HEADERS)
    return [b'{"updated": 1}']
