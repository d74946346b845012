"""The console shows what the bot sends: a file is saved where its user can open it."""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

from bot.app.console import Console
from bot.app.local_api import ApiCall

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def console(settings, catalogs, out: io.StringIO, monkeypatch, tmp_path: Path) -> Console:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the session's folder goes there
    return Console(settings, catalogs, user_id=7, language="en", admin=True, out=out)


def saved(out: io.StringIO) -> list[Path]:
    return [Path(p) for p in re.findall(r"📎 (\S+) \(", out.getvalue())]


def test_a_photo_sent_as_bytes_is_saved_as_a_png_the_user_can_open(
    settings, catalogs, monkeypatch, tmp_path
):
    out = io.StringIO()
    shell = console(settings, catalogs, out, monkeypatch, tmp_path)
    photo = ("application.octet-stream", PNG, "application/octet-stream")
    for _ in range(2):
        shell._print(ApiCall("sendPhoto", {"chat_id": 7}, files={"photo": photo}))
    first, second = saved(out)
    assert first.name == "photo.png" and second.name == "photo-2.png"
    assert first.read_bytes() == PNG == second.read_bytes()
    assert "(72 bytes)" in out.getvalue()


def test_a_named_file_keeps_its_name_and_nothing_escapes_the_folder(
    settings, catalogs, monkeypatch, tmp_path
):
    out = io.StringIO()
    shell = console(settings, catalogs, out, monkeypatch, tmp_path)
    calendar = ("../../event.ics", b"BEGIN:VCALENDAR", "text/calendar")
    shell._print(ApiCall("sendDocument", {"chat_id": 7}, files={"document": calendar}))
    (path,) = saved(out)
    assert path.name == "event.ics" and path.parent.parent == tmp_path
    assert path.read_bytes() == b"BEGIN:VCALENDAR"
