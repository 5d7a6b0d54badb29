"""Read patch files: `git format-patch` output, mbox files of several mails, or a bare diff."""

from __future__ import annotations

import email
import email.header
import email.policy
import re
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

# "From <sha1> Mon Sep 17 00:00:00 2001" (git format-patch) or any mbox "From addr Thu Jan  1 00:00:00 1970"
_FROM_LINE = re.compile(rb"^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w{3} +\d+ \d\d:\d\d:\d\d \d{4}\s*$", re.M)
_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*: ")


@dataclass(frozen=True)
class PatchMail:
    """One patch: the name it is reported under, its subject, and the text holding its diff."""

    name: str
    subject: str
    body: bytes


def read_patches(path: Path) -> list[PatchMail]:
    """The patches in one file, in order (raises OSError if it cannot be read)."""
    data = path.read_bytes()
    starts = [m.start() for m in _FROM_LINE.finditer(data)]
    if not starts or data[:starts[0]].strip():
        starts.insert(0, 0)
    chunks = [data[a:b] for a, b in zip(starts, starts[1:] + [len(data)])]
    mails = [_mail(chunk) for chunk in chunks if chunk.strip()]
    if len(mails) == 1:
        return [PatchMail(path.name, mails[0][0], mails[0][1])]
    return [PatchMail(f"{path.name}[{i}]", subject, body) for i, (subject, body) in enumerate(mails, 1)]


def _mail(chunk: bytes) -> tuple[str, bytes]:
    """(subject, diff-carrying body) of one mail, or of a bare diff."""
    if _FROM_LINE.match(chunk):
        chunk = chunk.split(b"\n", 1)[1] if b"\n" in chunk else b""
    if not _HEADER.match(chunk):
        return "", chunk  # a bare diff, no mail headers
    msg = email.message_from_bytes(chunk, policy=email.policy.compat32)
    subject = _decode_header(msg.get("Subject", ""))
    return subject, _unescape(b"".join(_payloads(msg)))


def _payloads(msg: Message) -> list[bytes]:
    """Text parts, transfer-decoded (quoted-printable and base64 patches happen on lists)."""
    if msg.is_multipart():
        return [p for part in msg.get_payload() for p in _payloads(part)]
    if msg.get_content_maintype() not in ("text", "application") and msg.get_content_type() != "message/rfc822":
        return []
    payload = msg.get_payload(decode=True)
    return [payload] if isinstance(payload, bytes) else []


def _decode_header(raw: str) -> str:
    out = []
    for text, charset in email.header.decode_header(raw):
        out.append(text.decode(charset or "utf-8", "replace") if isinstance(text, bytes) else text)
    return " ".join("".join(out).split())


def _unescape(body: bytes) -> bytes:
    """mboxrd quoting: '>From ' in a body was 'From ' (diff lines never start with '>')."""
    return re.sub(rb"^>(>*From )", rb"\1", body, flags=re.M)
