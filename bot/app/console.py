"""`partnerbot console`: chat with the real Application in a terminal, through the local Bot API."""

from __future__ import annotations

import asyncio
import dataclasses
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from telegram import Update

from bot.app.application import build_application, running
from bot.app.local_api import ApiCall, LocalBotApi, LocalRequest, make_user
from bot.config import Settings
from bot.i18n import Catalogs
from bot.textual import html_to_text

# The Bot API calls that show the user something, and how the console labels them.
_SHOWN = {
    "sendMessage",
    "editMessageText",
    "editMessageCaption",
    "sendPhoto",
    "sendDocument",
    "sendVenue",
    "sendLocation",
    "copyMessage",
    "answerCallbackQuery",
}


class Console:
    def __init__(
        self,
        settings: Settings,
        catalogs: Catalogs,
        user_id: int,
        language: str | None,
        admin: bool,
        out: TextIO,
    ):
        if admin:
            settings = dataclasses.replace(settings, admin_ids=settings.admin_ids | {user_id})
        self.api = LocalBotApi()
        self.application = build_application(settings, catalogs, LocalRequest(self.api))
        self.user = make_user(user_id, language, first_name="Console")
        self.out = out
        self.buttons: list[dict] = []
        self._button_message: dict | None = None
        self._shown = 0
        self._files: Path | None = None  # where the files the bot sends are saved, once asked

    def show(self) -> None:
        """Print every call made since the last time that a user would see."""
        new, self._shown = self.api.calls[self._shown :], len(self.api.calls)
        for call in new:
            if (
                call.error is None
                and call.method in _SHOWN
                and call.chat_id in (None, self.user["id"])
            ):
                self._print(call)
        self.out.flush()

    def _save(self, filename: str | None, field: str, content: bytes) -> Path:
        """Saves a file the bot sent (the /stats chart, an event's calendar file) where the
        console's user can open it, in a folder of this session's that outlives it."""
        if self._files is None:
            self._files = Path(tempfile.mkdtemp(prefix="partnerbot-console-"))
        # A photo sent as bytes has no name of its own (python-telegram-bot calls it after its
        # MIME type): the console names it by what it holds.
        if not filename or "." not in filename or filename == "application.octet-stream":
            suffix = ".png" if content.startswith(b"\x89PNG") else ".bin"
            filename = f"{field}{suffix}"
        path = self._files / Path(filename).name
        number = 1
        while path.exists():
            number += 1
            path = self._files / f"{Path(filename).stem}-{number}{Path(filename).suffix}"
        path.write_bytes(content)
        return path

    def _print(self, call: ApiCall) -> None:
        params = call.params
        if call.method == "answerCallbackQuery":
            if params.get("text"):
                self.out.write(f"  ({html_to_text(params['text'])})\n")
            return
        label = {"editMessageText": "bot (edited)", "editMessageCaption": "bot (edited)"}.get(
            call.method, "bot"
        )
        lines = []
        if call.method == "sendVenue":
            lines.append(
                f"📍 {params['title']}, {params['address']} "
                f"({params['latitude']}, {params['longitude']})"
            )
        elif call.method == "sendLocation":
            lines.append(f"📍 {params['latitude']}, {params['longitude']}")
        elif call.method in ("sendDocument", "sendPhoto"):
            for name, (filename, content, _mime) in call.files.items():
                path = self._save(filename, name, content)
                lines.append(f"📎 {path} ({len(content):,} bytes)")
        if call.text:
            lines.append(html_to_text(call.text))
        self.out.write(f"{label}: " + "\n     ".join("\n".join(lines).splitlines() or [""]) + "\n")
        buttons = call.buttons()
        if buttons:
            self.buttons = buttons
            self._button_message = call.result if isinstance(call.result, dict) else None
            for number, button in enumerate(buttons, 1):
                target = f" → {button['url']}" if button.get("url") else ""
                self.out.write(f"  [#{number}] {button['text']}{target}\n")

    async def handle(self, line: str) -> None:
        if line.startswith("#") and line[1:].strip().isdigit():
            number = int(line[1:].strip())
            if not 1 <= number <= len(self.buttons) or self._button_message is None:
                self.out.write(f"  (no button #{number} on the last message)\n")
                return
            button = self.buttons[number - 1]
            if "callback_data" not in button:
                self.out.write(f"  (this button opens {button.get('url') or 'something else'})\n")
                return
            update = self.api.press(self.user, self._button_message, button["callback_data"])
        else:
            update = self.api.send_text(self.user, line)
        await self.application.process_update(Update.de_json(update, self.application.bot))
        self.show()


async def run_console(
    settings: Settings,
    catalogs: Catalogs,
    user_id: int,
    language: str | None,
    admin: bool,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
) -> int:
    console = Console(settings, catalogs, user_id, language, admin, out)
    async with running(console.application):
        console.show()  # nothing the user should see happens at start-up, but keep the cursor
        out.write(
            f"Partnerbot console: you are user {user_id} "
            f"(Telegram language {language or 'not set'}{', admin' if admin else ''}). "
            "Type a message; #N presses button N; /quit or Ctrl-D ends.\n"
        )
        out.flush()
        loop = asyncio.get_running_loop()
        while True:
            out.write("you: ")
            out.flush()
            line = await loop.run_in_executor(None, stdin.readline)
            if not line:
                out.write("\n")
                break
            line = line.strip()
            if line == "/quit":
                break
            if line:
                await console.handle(line)
    return 0
