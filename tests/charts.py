"""The /stats chart for the tests that only need one drawn, without importing matplotlib each
time: a worker starts one drawing process (`python -m tests.charts SOCKET`) that has imported
matplotlib and `bot.chart` and drawn once, and forks a child for each chart, which runs
`bot.chart.main` on the request as `python -m bot.chart` would. The bot still starts a child
process per chart (`bot.stats.CHART_COMMAND`): this file run as a script (`python -I -S
tests/charts.py SOCKET`, a start of about 20 ms) passes its stdin to the drawing process and
gives back the PNG, what the drawing wrote to stderr and its exit code. A `python -m bot.chart`
child spends about 1.2 of its 1.7 s of CPU importing matplotlib (bench/README.md, "The test
suite"); the screen walks draw one chart each. `tests/test_office_privacy.py` keeps the real
child. Only the standard library is imported at the top: the script runs without the venv."""

from __future__ import annotations

import io
import os
import select
import socket
import struct
import sys
import traceback

# The reply to a request: exit code, then the lengths of stdout and stderr, then both.
HEADER = struct.Struct("!iII")
# A request that begins so (never JSON) is a test's script to run instead of a chart: the
# script, SCRIPT_END, then its stdin. The chart tests that look inside the figure ran their
# own `python -c` child, which imported matplotlib again (about 1.3 s of CPU).
SCRIPT = b"\0script\0"
SCRIPT_END = b"\0"
# A chart as /stats draws one, to import and set up all that drawing uses before the forks.
WARM_UP = {
    "numbers": {
        "days": [["2026-11-01", 3, 2], ["2026-11-02", 5, 4]],
        "users": 10,
        "active": 5,
        "blocked": 1,
        "by_language": {"de": 3, "ru": 2},
        "deliveries": [["sent", 4]],
    },
    "labels": {
        "title": "Statistik",
        "asked": "a",
        "answered": "b",
        "questions": "q",
        "users": "u",
        "active": "ac",
        "inactive": "in",
        "blocked": "bl",
        "subscribers": "s",
        "deliveries": "d",
        "states": {"sent": "gesendet"},
    },
}


def _read_all(connection: socket.socket) -> bytes:
    chunks = []
    while chunk := connection.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _draw(connection: socket.socket) -> None:
    """In a forked child: one request, answered as `python -m bot.chart` would answer it (what
    it writes to stderr, warnings and a traceback included, and its exit code)."""
    from bot import chart

    request = _read_all(connection)
    script = None
    if request.startswith(SCRIPT):
        script, _, request = request[len(SCRIPT) :].partition(SCRIPT_END)
    sys.stdin = io.TextIOWrapper(io.BytesIO(request), encoding="utf-8")
    out, err = io.BytesIO(), io.BytesIO()
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8")
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace")
    code = 0
    try:
        if script is None:
            chart.main()
        else:
            exec(compile(script.decode("utf-8"), "<script>", "exec"), {"__name__": "__main__"})
    except SystemExit as leaving:
        if isinstance(leaving.code, int) or leaving.code is None:
            code = leaving.code or 0
        else:
            print(leaving.code, file=sys.stderr)
            code = 1
    except BaseException:
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    png, errors = out.getvalue(), err.getvalue()
    connection.sendall(HEADER.pack(code, len(png), len(errors)) + png + errors)


def serve(path: str) -> None:
    """Listen on `path` until stdin closes (the worker that started it is gone). The children
    are waited for, so that their CPU counts as this process's children's, as a `python -m
    bot.chart` child's counts as the bot's."""
    from bot import chart

    chart.draw(**WARM_UP)
    children: set[int] = set()
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(path)
        server.listen(8)
        print("ready", flush=True)
        while True:
            readable, _, _ = select.select([server, sys.stdin], [], [], 1.0)
            children = {pid for pid in children if not os.waitpid(pid, os.WNOHANG)[0]}
            if sys.stdin in readable and not os.read(sys.stdin.fileno(), 1024):
                break
            if server in readable:
                connection, _ = server.accept()
                pid = os.fork()
                if pid == 0:
                    server.close()
                    try:
                        _draw(connection)
                    finally:
                        os._exit(0)
                children.add(pid)
                connection.close()
    for pid in children:
        os.waitpid(pid, 0)


def request(path: str) -> int:
    """The bot's child: stdin to the drawing process, its answer to stdout and stderr."""
    payload = sys.stdin.buffer.read()
    with socket.socket(socket.AF_UNIX) as connection:
        connection.connect(path)
        connection.sendall(payload)
        connection.shutdown(socket.SHUT_WR)
        reply = _read_all(connection)
    code, out, err = HEADER.unpack_from(reply)
    body = reply[HEADER.size :]
    sys.stdout.buffer.write(body[:out])
    sys.stderr.buffer.write(body[out : out + err])
    return code


if __name__ == "__main__":
    if __package__:  # python -m tests.charts SOCKET
        serve(sys.argv[1])
    else:  # python -I -S tests/charts.py SOCKET
        sys.exit(request(sys.argv[1]))
