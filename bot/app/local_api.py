"""A Bot API that answers in-process: the console, the tests and the benchmarks talk to it.

`LocalBotApi` keeps chats, messages and an update queue, answers the methods the bot uses the
way Telegram does (including its errors for over-long text, bad HTML, unknown chats and
over-long button data), and records every call. `LocalRequest` plugs it into
python-telegram-bot as the network layer; `LocalBotApiServer` serves it over HTTP on loopback so a
real `partnerbot run` process can be pointed at it with TELEGRAM_BASE_URL.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qsl

from telegram.request import BaseRequest, RequestData

BOT_USER = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "Partnerbot",
    "username": "partnerbot_local_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
# The tags Telegram accepts with parse_mode=HTML.
_ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}
_SEND_METHODS = {
    "sendMessage": "text",
    "sendPhoto": "photo",
    "sendDocument": "document",
    "sendVenue": "venue",
    "sendLocation": "location",
    "sendSticker": "sticker",
    "sendVideo": "video",
    "sendAudio": "audio",
    "sendVoice": "voice",
    "sendAnimation": "animation",
}


class ApiError(Exception):
    """An error answer, as Telegram would give it."""

    def __init__(self, code: int, description: str, parameters: dict | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> dict:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    files: dict[str, tuple] = field(default_factory=dict)
    result: Any = None
    error: ApiError | None = None

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    @property
    def text(self) -> str | None:
        return self.params.get("text") or self.params.get("caption")

    def buttons(self) -> list[dict]:
        """The inline buttons of the call's reply markup, row after row."""
        markup = self.params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        return [button for row in markup.get("inline_keyboard", []) for button in row]


class _HtmlChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in _ALLOWED_TAGS:
            self.error = self.error or f'Unsupported start tag "{tag}"'
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.error = self.error or f'Unexpected end tag "{tag}"'
        else:
            self.stack.pop()


def check_html(text: str) -> str | None:
    """Telegram's complaint about `text` in HTML parse mode, or None when it would accept it."""
    checker = _HtmlChecker()
    checker.feed(text)
    checker.close()
    if checker.error:
        return checker.error
    if checker.stack:
        return f'Can\'t find end tag corresponding to start tag "{checker.stack[-1]}"'
    if "<" in checker.rawdata:
        return "Unclosed start tag"
    return None


def make_user(
    user_id: int, language_code: str | None = "de", first_name: str = "Test", **extra: Any
) -> dict:
    user = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language_code:
        user["language_code"] = language_code
    user.update(extra)
    return user


def private_chat(user: dict) -> dict:
    return {"id": user["id"], "type": "private", "first_name": user.get("first_name", "")}


class LocalBotApi:
    """The Bot API's state and answers, in memory."""

    def __init__(self, bot_user: dict | None = None):
        self.bot_user = dict(bot_user or BOT_USER)
        self.calls: list[ApiCall] = []
        self.chats: dict[int, dict] = {}
        self.messages: dict[tuple[int, int], dict] = {}
        self.commands: dict[tuple[str, str], list[dict]] = {}
        self.webhook: dict[str, Any] = {"url": ""}
        # A test or benchmark can make any call fail: return an ApiError to answer with it.
        self.fault: Callable[[str, dict[str, Any]], ApiError | None] | None = None
        self._updates: list[dict] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count] = {}
        self._new_update: asyncio.Event | None = None
        self._callback_ids = itertools.count(1)

    # ---- the caller's side: feeding updates -------------------------------------------------

    def add_update(self, kind: str, payload: dict) -> dict:
        update = {"update_id": next(self._update_ids), kind: payload}
        self._updates.append(update)
        if self._new_update is not None:
            self._new_update.set()
        return update

    def _incoming(self, chat: dict, user: dict | None, **fields: Any) -> dict:
        self.chats[chat["id"]] = chat
        message = {
            "message_id": self._next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            **fields,
        }
        if user is not None:
            message["from"] = user
        self.messages[(chat["id"], message["message_id"])] = message
        return message

    def send_text(self, user: dict, text: str, chat: dict | None = None, **fields: Any) -> dict:
        """A user writes `text`; returns the update (also queued for getUpdates)."""
        chat = chat or private_chat(user)
        fields.setdefault("text", text)
        if text.startswith("/") and "entities" not in fields:
            command = text.split()[0]
            fields["entities"] = [
                {
                    "type": "bot_command",
                    "offset": 0,
                    "length": len(command.encode("utf-16-le")) // 2,
                }
            ]
        return self.add_update("message", self._incoming(chat, user, **fields))

    def send_message(
        self, user: dict | None, chat: dict, kind: str = "message", **fields: Any
    ) -> dict:
        """Any other incoming message (sticker, photo, channel post, ...) as `kind` update."""
        return self.add_update(kind, self._incoming(chat, user, **fields))

    def press(self, user: dict, message: dict, data: str) -> dict:
        """A user presses the inline button carrying `data` under `message`."""
        query = {
            "id": str(next(self._callback_ids)),
            "from": user,
            "chat_instance": str(message["chat"]["id"]),
            "data": data,
            "message": message,
        }
        return self.add_update("callback_query", query)

    def inline_query(self, user: dict, query: str) -> dict:
        payload = {"id": str(next(self._callback_ids)), "from": user, "query": query, "offset": ""}
        return self.add_update("inline_query", payload)

    def forget_history(self) -> None:
        """Drop every stored message and every update not fetched: a benchmark that hands its
        updates to `process_update` reads neither, and kept round after round they would make
        each full pass of the garbage collector costlier than the last."""
        self.messages.clear()
        self._updates.clear()

    # ---- what the bot did ------------------------------------------------------------------

    def sent(self, chat_id: int | None = None, method: str | None = None) -> list[ApiCall]:
        return [
            call
            for call in self.calls
            if call.error is None
            and (method is None or call.method == method)
            and (chat_id is None or call.chat_id == chat_id)
        ]

    def last_message(self, chat_id: int) -> dict | None:
        """The newest message the bot sent to or edited in `chat_id`, as Telegram stores it."""
        for call in reversed(self.calls):
            if call.error is None and call.chat_id == chat_id and isinstance(call.result, dict):
                return call.result
        return None

    # ---- answering the bot -----------------------------------------------------------------

    async def call(
        self, method: str, params: dict[str, Any], files: dict[str, tuple] | None = None
    ) -> tuple[int, dict]:
        """Answer one Bot API call: (HTTP status, JSON body)."""
        record = ApiCall(method, dict(params), dict(files or {}))
        self.calls.append(record)
        try:
            if self.fault is not None and (error := self.fault(method, record.params)):
                raise error
            if method == "getUpdates":
                result = await self._get_updates(record.params)
            elif method in _SEND_METHODS:
                result = self._send(record.params, _SEND_METHODS[method])
            elif method == "copyMessage":
                result = self._copy(record.params)
            elif handler := getattr(self, f"_m_{method.lower()}", None):
                result = handler(record.params)
            else:
                raise ApiError(404, "Not Found")
        except ApiError as error:
            record.error = error
            return error.code, error.body()
        record.result = result
        return 200, {"ok": True, "result": result}

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _chat(self, params: dict, key: str = "chat_id") -> dict:
        chat_id = params.get(key)
        if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
            chat_id = int(chat_id)
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            named = [c for c in self.chats.values() if f"@{c.get('username')}" == chat_id]
            chat_id = named[0]["id"] if named else None
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        return chat

    @staticmethod
    def _check_markup(params: dict) -> dict | None:
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        for row in (markup or {}).get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return markup

    @staticmethod
    def _check_text(text: Any, params: dict, limit: int, what: str) -> None:
        if text is None:
            return
        if not isinstance(text, str):
            text = str(text)
        if params.get("parse_mode") == "HTML" and (problem := check_html(text)):
            raise ApiError(400, f"Bad Request: can't parse entities: {problem}")
        if len(text) > limit:
            raise ApiError(400, f"Bad Request: {what} is too long")

    def _store(self, chat: dict, **fields: Any) -> dict:
        message = {
            "message_id": self._next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
            **{key: value for key, value in fields.items() if value is not None},
        }
        self.messages[(chat["id"], message["message_id"])] = message
        return message

    def _send(self, params: dict, kind: str | None) -> dict:
        chat = self._chat(params)
        markup = self._check_markup(params)
        if kind == "text":
            text = params.get("text")
            if not isinstance(text, str) or not text.strip():
                raise ApiError(400, "Bad Request: message text is empty")
            self._check_text(text, params, MAX_TEXT, "message")
            return self._store(chat, text=text, reply_markup=markup)
        self._check_text(params.get("caption"), params, MAX_CAPTION, "message caption")
        fields: dict[str, Any] = {"caption": params.get("caption"), "reply_markup": markup}
        if kind == "venue":
            fields["venue"] = {
                "location": {"latitude": params["latitude"], "longitude": params["longitude"]},
                "title": params["title"],
                "address": params["address"],
            }
        elif kind == "location":
            fields["location"] = {"latitude": params["latitude"], "longitude": params["longitude"]}
        elif kind == "document":
            fields["document"] = {
                "file_id": f"doc{len(self.calls)}",
                "file_unique_id": "u",
                "file_name": params.get("filename"),
            }
        elif kind == "photo":
            fields["photo"] = [
                {
                    "file_id": f"photo{len(self.calls)}",
                    "file_unique_id": "u",
                    "width": 1,
                    "height": 1,
                }
            ]
        elif kind is not None:
            fields[kind] = {"file_id": f"{kind}{len(self.calls)}", "file_unique_id": "u"}
        return self._store(chat, **fields)

    def _copy(self, params: dict) -> dict:
        source = self.messages.get((params.get("from_chat_id"), params.get("message_id")))
        if source is None:
            raise ApiError(400, "Bad Request: message to copy not found")
        chat = self._chat(params)
        fields = {
            k: v for k, v in source.items() if k not in ("message_id", "date", "chat", "from")
        }
        if "caption" in params:
            fields["caption"] = params["caption"]
        copied = self._store(chat, **fields, reply_markup=self._check_markup(params))
        return {"message_id": copied["message_id"]}

    def _message(self, params: dict) -> dict:
        chat = self._chat(params)
        message = self.messages.get((chat["id"], params.get("message_id")))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return message

    def _m_editmessagetext(self, params: dict) -> dict:
        message = self._message(params)
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        self._check_text(text, params, MAX_TEXT, "message")
        markup = self._check_markup(params)
        if message.get("text") == text and message.get("reply_markup") == markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message "
                "content and reply markup are exactly the same",
            )
        message["text"] = text
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return message

    def _m_editmessagecaption(self, params: dict) -> dict:
        message = self._message(params)
        self._check_text(params.get("caption"), params, MAX_CAPTION, "message caption")
        message["caption"] = params.get("caption")
        markup = self._check_markup(params)
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        return message

    def _m_editmessagereplymarkup(self, params: dict) -> dict:
        message = self._message(params)
        markup = self._check_markup(params)
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        return message

    def _m_deletemessage(self, params: dict) -> bool:
        chat = self._chat(params)
        if self.messages.pop((chat["id"], params.get("message_id")), None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    def _m_getme(self, params: dict) -> dict:
        return self.bot_user

    def _m_getchat(self, params: dict) -> dict:
        return {**self._chat(params), "accent_color_id": 0, "max_reaction_count": 11}

    def _m_answercallbackquery(self, params: dict) -> bool:
        if len(str(params.get("text") or "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def _m_answerinlinequery(self, params: dict) -> bool:
        if len(params.get("results") or []) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        return True

    def _m_sendchataction(self, params: dict) -> bool:
        self._chat(params)
        return True

    def _m_setmycommands(self, params: dict) -> bool:
        scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
        commands = params.get("commands") or []
        if isinstance(commands, str):
            commands = json.loads(commands)
        self.commands[(scope, params.get("language_code") or "")] = commands
        return True

    def _m_deletemycommands(self, params: dict) -> bool:
        scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
        self.commands.pop((scope, params.get("language_code") or ""), None)
        return True

    def _m_getmycommands(self, params: dict) -> list:
        scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
        return self.commands.get((scope, params.get("language_code") or ""), [])

    def _m_setwebhook(self, params: dict) -> bool:
        self.webhook = {"url": params.get("url", ""), "secret_token": params.get("secret_token")}
        return True

    def _m_deletewebhook(self, params: dict) -> bool:
        self.webhook = {"url": ""}
        return True

    def _m_getwebhookinfo(self, params: dict) -> dict:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _m_close(self, params: dict) -> bool:
        return True

    def _m_logout(self, params: dict) -> bool:
        return True

    async def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        timeout = float(params.get("timeout") or 0)
        if not self._updates and timeout > 0:
            self._new_update = asyncio.Event()
            try:
                await asyncio.wait_for(self._new_update.wait(), timeout)
            except TimeoutError:
                pass
            finally:
                self._new_update = None
        limit = int(params.get("limit") or 100)
        return self._updates[:limit]


class LocalRequest(BaseRequest):
    """python-telegram-bot's network layer, answered by a `LocalBotApi` in the same process."""

    def __init__(self, api: LocalBotApi):
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        params = request_data.parameters if request_data else {}
        files = request_data.multipart_data if request_data and request_data.contains_files else {}
        status, body = await self.api.call(url.rsplit("/", 1)[-1], params, files)
        return status, json.dumps(body).encode()


# Parameters that are plain strings even when they look like JSON ("123", "true").
_STRING_PARAMS = {
    "text",
    "caption",
    "query",
    "title",
    "address",
    "description",
    "short_description",
    "name",
    "url",
    "next_offset",
    "callback_query_id",
    "inline_query_id",
    "secret_token",
    "parse_mode",
    "language_code",
    "filename",
}


def decode_form(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Undo python-telegram-bot's form encoding: non-string values arrive JSON-encoded."""
    params: dict[str, Any] = {}
    for key, raw in pairs:
        if key in _STRING_PARAMS:
            params[key] = raw
            continue
        try:
            params[key] = json.loads(raw)
        except ValueError:
            params[key] = raw
    return params


class LocalBotApiServer:
    """`LocalBotApi` over HTTP on loopback: POST /bot<token>/<method>, as Telegram serves it."""

    def __init__(self, api: LocalBotApi, token: str, host: str = "127.0.0.1", port: int = 0):
        self.api = api
        self.token = token
        self.host = host
        self.port = port
        self._server: asyncio.base_events.Server | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    async def start(self) -> None:
        from tornado.httpserver import HTTPServer
        from tornado.netutil import bind_sockets
        from tornado.web import Application, RequestHandler

        server = self

        class MethodHandler(RequestHandler):
            async def post(self, token: str, method: str) -> None:
                if token != server.token:
                    self.set_status(401)
                    self.write({"ok": False, "error_code": 401, "description": "Unauthorized"})
                    return
                content_type = self.request.headers.get("Content-Type", "")
                files: dict[str, tuple] = {}
                if content_type.startswith("application/json"):
                    params = json.loads(self.request.body or b"{}")
                elif content_type.startswith("multipart/form-data"):
                    params = decode_form(
                        [(k, v[0].decode()) for k, v in self.request.body_arguments.items()]
                    )
                    files = {
                        name: (parts[0]["filename"], parts[0]["body"], parts[0]["content_type"])
                        for name, parts in self.request.files.items()
                    }
                else:
                    params = decode_form(
                        parse_qsl(self.request.body.decode(), keep_blank_values=True)
                    )
                status, body = await server.api.call(method, params, files)
                self.set_status(status)
                self.set_header("Content-Type", "application/json")
                self.write(json.dumps(body))

            get = post

        app = Application([(r"/bot([^/]+)/(\w+)", MethodHandler)])
        sockets = bind_sockets(self.port, self.host)
        self.port = sockets[0].getsockname()[1]
        self._http = HTTPServer(app)
        self._http.add_sockets(sockets)

    def bot_environment(self, **variables: str) -> dict[str, str]:
        """The environment of a bot process that polls this server: the inherited one without
        any TELEGRAM_ or PARTNERBOT_ setting, this server's token and addresses, `variables`."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TELEGRAM_", "PARTNERBOT_"))
        }
        env.update(
            TELEGRAM_BOT_TOKEN=self.token,
            TELEGRAM_BASE_URL=self.base_url,
            TELEGRAM_BASE_FILE_URL=f"http://{self.host}:{self.port}/file/bot",
        )
        env.update(variables)
        return env

    async def start_bot(
        self, cwd: Path, stderr: int | IO[bytes] = subprocess.DEVNULL, **variables: str
    ) -> asyncio.subprocess.Process:
        """A real `python -m bot run` polling this server (`bot_environment(**variables)`),
        its output thrown away unless `stderr` is given."""
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            env=self.bot_environment(**variables),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )

    async def stop(self) -> None:
        self._http.stop()
        await self._http.close_all_connections()
