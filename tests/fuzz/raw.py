"""Mutations of a serialized request's bytes, beneath botocore: what certmock's codecs must
refuse cleanly (truncation, flipped bytes, invalid UTF-8, lone surrogates, NaN, huge numbers,
10k-deep nesting, duplicate keys, wrong content types, empty and 2 MB bodies, broken query
strings and paths)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import cbor2
from hypothesis import strategies as st

DEEP = 10_000
TWO_MB = 2 * 1024 * 1024


@dataclass(frozen=True)
class Mutation:
    kind: str
    body: bytes | None = None
    """The new body; None keeps botocore's."""
    headers: dict[str, str | None] = field(default_factory=dict)
    """Headers to set; None removes one."""
    path: str | None = None
    query: str | None = None


# JSON text that parsers disagree on or choke over, as a member's value.
JSON_POISON = (
    '"\\ud800"',
    '"\\udfff tail"',
    '"\\u0000"',
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "-1e999",
    "1" + "0" * 400,
    "-0",
    "1.5e-400",
    "null",
    "true",
    "[]",
    "{}",
    '"' + "\U0001f600" * 10 + '"',
    "[" * DEEP + "]" * DEEP,
    '{"a":' * DEEP + "1" + "}" * DEEP,
)

# Raw (not re-encoded) pieces of a form body.
FORM_POISON = (
    b"%ff",
    b"%zz",
    b"%",
    b"%ed%a0%80",
    b"%00",
    b"\xff\xfe",
    b"1e999",
    b"NaN",
    b"-1",
    b"99999999999999999999999999",
    b"",
    b"+" * 10,
    b"a." * 5000,
)

CONTENT_TYPES = (
    "text/plain",
    "application/xml",
    "application/cbor",
    "application/json",
    "application/x-amz-json-1.0",
    "application/x-www-form-urlencoded; charset=utf-16",
    "multipart/form-data; boundary=x",
    "",
)


def _bytes_level(original: bytes) -> st.SearchStrategy[Mutation]:
    size = max(len(original), 1)
    positions = st.integers(0, size - 1)
    return st.one_of(
        positions.map(lambda at: Mutation("truncate", original[:at])),
        st.tuples(positions, st.integers(1, 255)).map(
            lambda flip: Mutation("flip", _flip(original, *flip))
        ),
        st.tuples(positions, st.sampled_from((b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x00"))).map(
            lambda insert: Mutation(
                "invalid utf-8", original[: insert[0]] + insert[1] + original[insert[0] :]
            )
        ),
        st.just(Mutation("empty", b"")),
        st.binary(max_size=64).map(lambda junk: Mutation("random bytes", junk)),
        st.just(Mutation("bom", b"\xef\xbb\xbf" + original)),
        st.just(Mutation("trailing garbage", original + b"}}\x00garbage")),
        st.sampled_from(CONTENT_TYPES).map(
            lambda kind: Mutation("content type", None, {"Content-Type": kind})
        ),
        st.just(Mutation("no content type", None, {"Content-Type": None})),
    )


def _flip(original: bytes, at: int, mask: int) -> bytes:
    if not original:
        return bytes([mask])
    return original[:at] + bytes([original[at] ^ mask]) + original[at + 1 :]


def _json_level(original: bytes, members: list[str]) -> st.SearchStrategy[Mutation]:
    try:
        document: Any = json.loads(original or b"{}")
    except ValueError:
        document = {}
    fields = dict(document) if isinstance(document, dict) else {}
    names = sorted({*fields, *members}) or ["Member"]

    def poison(name: str, literal: str) -> Mutation:
        rest = [f"{json.dumps(key)}:{json.dumps(value)}" for key, value in fields.items()]
        rest = [item for item in rest if not item.startswith(json.dumps(name) + ":")]
        return Mutation(
            "json poison", ("{" + ",".join([*rest, f"{json.dumps(name)}:{literal}"]) + "}").encode()
        )

    def duplicate(name: str, literal: str) -> Mutation:
        first = json.dumps(fields.get(name, "x"))
        text = "{" + f"{json.dumps(name)}:{first},{json.dumps(name)}:{literal}" + "}"
        return Mutation("duplicate key", text.encode())

    literals = st.sampled_from(JSON_POISON)
    return st.one_of(
        st.builds(poison, st.sampled_from(names), literals),
        st.builds(duplicate, st.sampled_from(names), literals),
        literals.map(lambda literal: Mutation("json document", literal.encode())),
        st.just(Mutation("2 MB", b'{"' + names[0].encode() + b'":"' + b"a" * TWO_MB + b'"}')),
        st.just(Mutation("cbor body", cbor2.dumps(fields), {"Content-Type": "application/cbor"})),
    )


def _form_level(original: bytes, members: list[str]) -> st.SearchStrategy[Mutation]:
    pairs = [(key.encode(), value.encode()) for key, value in parse_qsl(original.decode())]
    action = [pair for pair in pairs if pair[0] == b"Action"]
    keys = sorted(
        {
            b"Version",
            *(key for key, _ in pairs if key != b"Action"),
            *(name.encode() for name in members),
            *(f"{name}.member.1".encode() for name in members),
            b"Filters.Filter.99999999999999999999.Name",
            b"Filters.Filter.0.Values.Value.-1",
        }
    )

    def form(items: list[tuple[bytes, bytes]]) -> bytes:
        return b"&".join(key + b"=" + value for key, value in items)

    def poison(key: bytes, value: bytes) -> Mutation:
        kept = [pair for pair in pairs if pair[0] != key]
        return Mutation("form poison", form([*kept, (key, value)]))

    return st.one_of(
        st.builds(poison, st.sampled_from(keys), st.sampled_from(FORM_POISON)),
        st.builds(poison, st.sampled_from(FORM_POISON), st.sampled_from((b"1", b""))),
        st.just(Mutation("no action", form([pair for pair in pairs if pair[0] != b"Action"]))),
        st.just(Mutation("unknown action", form([*pairs, (b"Action", b"NoSuchAction")]))),
        st.just(Mutation("action twice", form([*action, *pairs]))),
        st.just(Mutation("unknown version", poison(b"Version", b"1999-01-01").body)),
        st.just(Mutation("2 MB", form([*pairs, (b"Junk", b"a" * TWO_MB)]))),
        st.just(Mutation("json instead", json.dumps(dict(parse_qsl(original.decode()))).encode())),
    )


def _url_level(url: str) -> st.SearchStrategy[Mutation]:
    parts = urlsplit(url)
    path = parts.path
    segments = ("%ff", "%00", "%2F", "..", "%", "x" * 5000, "%ed%a0%80", "\U0001f600", "")
    queries = ("limit=abc", "limit=-1", "limit=1e999", "position=%ff", "tagKeys=%zz", "%=%")

    def with_path(new: str) -> Mutation:
        return Mutation("path", None, {}, new)

    return st.one_of(
        st.sampled_from(segments).map(lambda junk: with_path(path + "/" + junk)),
        st.sampled_from(segments).map(lambda junk: with_path(path.rsplit("/", 1)[0] + "/" + junk)),
        st.sampled_from(queries).map(
            lambda query: Mutation(
                "query", None, {}, None, "&".join(filter(None, (parts.query, query)))
            )
        ),
    )


def mutations(
    protocol: str, original: bytes, url: str, members: list[str]
) -> st.SearchStrategy[Mutation]:
    """Mutations of a request of ``protocol`` whose serialized body is ``original``."""
    chosen = [_bytes_level(original)]
    if protocol == "query":
        chosen.append(_form_level(original, members))
    else:
        chosen.append(_json_level(original, members))
    if protocol == "rest-json":
        chosen.append(_url_level(url))
    return st.one_of(chosen)


def body_bytes(data: Any) -> bytes:
    """A request's body as botocore will send it (query bodies are still a dict here)."""
    if data is None:
        return b""
    if isinstance(data, dict):
        return urlencode(list(data.items()), doseq=True).encode()
    if isinstance(data, str):
        return data.encode()
    return bytes(data)


def apply(mutation: Mutation, request: Any) -> None:
    """Rewrite a botocore ``AWSRequest`` before it is signed and sent."""
    if mutation.body is not None:
        request.data = mutation.body
        request.headers["Content-Length"] = str(len(mutation.body))
    for name, value in mutation.headers.items():
        if name in request.headers:
            del request.headers[name]
        if value is not None:
            request.headers[name] = value
    if mutation.path is not None or mutation.query is not None:
        parts = urlsplit(request.url)
        request.url = urlunsplit(
            parts._replace(
                path=parts.path if mutation.path is None else mutation.path,
                query=parts.query if mutation.query is None else mutation.query,
            )
        )


def catalogue(protocol: str, original: bytes, url: str, members: list[str]) -> list[Mutation]:
    """One of every kind of mutation, fixed: each is tried whatever the profile draws."""
    first = members[0] if members else "Member"
    fixed = [
        Mutation("truncate", original[: len(original) // 2]),
        Mutation("flip", _flip(original, 0, 0x80)),
        Mutation("invalid utf-8", b"\xff" + original),
        Mutation("empty", b""),
        Mutation("bom", b"\xef\xbb\xbf" + original),
        Mutation("trailing garbage", original + b"}}\x00garbage"),
        Mutation("no content type", None, {"Content-Type": None}),
        *(Mutation("content type", None, {"Content-Type": kind}) for kind in CONTENT_TYPES),
    ]
    if protocol == "query":
        pairs = original.split(b"&")
        fixed += [
            Mutation("form poison", b"&".join([*pairs, first.encode() + b"=" + poison]))
            for poison in FORM_POISON
        ]
        fixed += [
            Mutation("no action", b"&".join(p for p in pairs if not p.startswith(b"Action="))),
            Mutation("unknown action", b"&".join([*pairs, b"Action=NoSuchAction"])),
            Mutation("2 MB", original + b"&Junk=" + b"a" * TWO_MB),
        ]
    else:
        name = json.dumps(first)
        fixed += [
            Mutation("json poison", f"{{{name}:{literal}}}".encode()) for literal in JSON_POISON
        ]
        fixed += [
            Mutation("duplicate key", f'{{{name}:"x",{name}:NaN}}'.encode()),
            Mutation("2 MB", b'{"' + first.encode() + b'":"' + b"a" * TWO_MB + b'"}'),
            Mutation("cbor body", cbor2.dumps({first: "x"}), {"Content-Type": "application/cbor"}),
        ]
    if protocol == "rest-json":
        path = urlsplit(url).path
        fixed += [Mutation("path", None, {}, path + "/%ff"), Mutation("path", None, {}, "/..")]
        fixed += [Mutation("query", None, {}, None, "limit=1e999&position=%ff")]
    return fixed
