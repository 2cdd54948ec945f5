"""SearchInventory's filter language: And, Or and Not over typed predicates, with the limits
the model documents (1-15 statements per list, 3 levels, 20 predicates, IssuerWords word
counts), each refusal a ValidationException, and how each predicate matches."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from certmock.errors import ServiceError
from certmock.services.acm.organization.collection import (
    ACM_CERTIFICATE,
    PCA_CERTIFICATE,
)
from certmock.services.acm.organization.records import Row, key_algorithm, names

MAX_DEPTH = 3
MAX_PREDICATES = 20
MAX_WORDS = 64
MAX_FILTER_WORDS = 512
_STATEMENT_MEMBERS = ("And", "Or", "Not", "Filter")
_CONTAINS = re.compile(r"(\*\.)?[A-Za-z0-9.-]{3,253}")


def _invalid(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)


def issuer_words(text: str) -> list[str]:
    """Split as the inventory splits an issuer name: at spaces and punctuation; letters joined
    by '.', ':' or an apostrophe stay one word; each CJK ideograph, emoji or symbol is a word
    of its own. Lowercased (matching ignores case)."""
    words: list[str] = []
    current = ""
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        joined = char in ".:'" and current and index + 1 < len(text) and text[index + 1].isalnum()
        if (char.isalnum() and not _is_ideograph(char)) or joined:
            current += char
            continue
        if current:
            words.append(current)
            current = ""
        # ASCII punctuation and symbols ('=', '-', ',') only separate words.
        if _is_ideograph(char) or (category.startswith("S") and not char.isascii()):
            words.append(char)
    if current:
        words.append(current)
    return [word.lower() for word in words]


def _is_ideograph(char: str) -> bool:
    return "CJK" in unicodedata.name(char, "") or "IDEOGRAPH" in unicodedata.name(char, "")


def check(statement: dict[str, Any]) -> None:
    """Refuse a filter the model's limits do not allow."""
    predicates: list[dict[str, Any]] = []
    _check_statement(statement, 1, predicates)
    if len(predicates) > MAX_PREDICATES:
        raise _invalid(
            f"The filter holds {len(predicates)} predicates; at most {MAX_PREDICATES} are allowed."
        )
    total = 0
    for predicate in predicates:
        _check_predicate(predicate)
        if "IssuerWords" in predicate:
            total += len(issuer_words(predicate["IssuerWords"]))
    if total > MAX_FILTER_WORDS:
        raise _invalid(
            f"The filter's IssuerWords hold {total} words; at most {MAX_FILTER_WORDS} are allowed."
        )


def _one_member(value: dict[str, Any], what: str) -> str:
    if len(value) != 1:
        raise _invalid(f"{what} must set exactly one member; it sets {len(value)}.")
    return next(iter(value))


def _check_statement(
    statement: dict[str, Any], level: int, predicates: list[dict[str, Any]]
) -> None:
    if level > MAX_DEPTH:
        raise _invalid(f"Filter statements nest at most {MAX_DEPTH} levels deep.")
    member = _one_member(statement, "A filter statement")
    value = statement[member]
    if member in ("And", "Or"):
        for inner in value:
            _check_statement(inner, level + 1, predicates)
    elif member == "Not":
        _check_statement(value, level + 1, predicates)
    else:
        predicates.append(value)


def _check_predicate(predicate: dict[str, Any]) -> None:
    member = _one_member(predicate, "A filter predicate")
    if member not in _PREDICATES:
        raise _invalid(f"certmock does not know the filter predicate {member}.")
    value = predicate[member]
    if member == "Domain":
        name = value["Value"]
        if name.count("*.") > 1 or ("*" in name and not name.startswith("*.")):
            raise _invalid(f"Domain value {name} may hold at most one leading '*.' label.")
        if value["Match"] == "CONTAINS" and not _CONTAINS.fullmatch(name):
            raise _invalid(
                f"A CONTAINS domain value must be 3 to 253 letters, digits, hyphens and dots, "
                f"optionally after a leading '*.'; got {name!r}."
            )
    elif member == "NotAfter":
        after, before = value.get("After"), value.get("Before")
        if after is None and before is None:
            raise _invalid("NotAfter must set After, Before or both.")
        if after is not None and before is not None and before <= after:
            raise _invalid("NotAfter.Before must be later than NotAfter.After.")
    elif member == "IssuerWords":
        words = issuer_words(value)
        if not any(char.isalnum() for char in value):
            raise _invalid("IssuerWords must hold at least one letter or digit.")
        if len(words) > MAX_WORDS:
            raise _invalid(
                f"IssuerWords holds {len(words)} words; at most {MAX_WORDS} are allowed."
            )


def matches(row: Row, statement: dict[str, Any], organization_accounts: set[str]) -> bool:
    member, value = next(iter(statement.items()))
    if member == "And":
        return all(matches(row, inner, organization_accounts) for inner in value)
    if member == "Or":
        return any(matches(row, inner, organization_accounts) for inner in value)
    if member == "Not":
        return not matches(row, value, organization_accounts)
    kind, argument = next(iter(value.items()))
    if kind == "AccountId" and argument not in organization_accounts:
        return False
    return _PREDICATES[kind](row, argument)


def _domain(row: Row, predicate: dict[str, Any]) -> bool:
    wanted = predicate["Value"].lower()
    found = [name.lower() for name in names(row.observed.certificate)]
    match = predicate["Match"]
    if match == "EQUALS":
        return wanted in found
    if match == "IN_DOMAIN":
        return any(name == wanted or name.endswith("." + wanted) for name in found)
    return any(wanted in name for name in found)


def _not_after(row: Row, window: dict[str, Any]) -> bool:
    at = row.observed.not_after
    after, before = window.get("After"), window.get("Before")
    return (after is None or at >= after) and (before is None or at < before)


def _acm_arn(row: Row, predicate: dict[str, Any]) -> bool:
    related = row.observed.related.get((ACM_CERTIFICATE, predicate["Value"]))
    return related is not None and (predicate["Match"] == "ANY" or related.current)


def _issuer_words(row: Row, value: str) -> bool:
    return set(issuer_words(value)) <= set(issuer_words(row.issuer))


_PREDICATES: dict[str, Callable[[Row, Any], bool]] = {
    "Identifier": lambda row, value: row.identifier == value,
    "MaterialType": lambda row, value: value == "X509_CERTIFICATE",
    "AccountId": lambda row, value: any(
        r.account_id == value for r in row.observed.related.values()
    ),
    "Region": lambda row, value: any(r.region == value for r in row.observed.related.values()),
    "IssuanceType": lambda row, value: row.observed.issuance_type == value,
    "KeyAlgorithm": lambda row, value: _key_algorithm(row) == value,
    "UsageStatus": lambda row, value: (row.usage_count > 0) == (value == "IN_USE"),
    "Issuer": lambda row, value: row.issuer == value,
    "Domain": _domain,
    "NotAfter": _not_after,
    "RelatedResourceType": lambda row, value: any(
        r.type == value for r in row.observed.related.values()
    ),
    "HighestFindingSeverity": lambda row, value: row.severity == value,
    "AcmCertificateArn": _acm_arn,
    "PcaCertificateArn": lambda row, value: (PCA_CERTIFICATE, value) in row.observed.related,
    "PcaCertificateAuthorityArn": lambda row, value: (
        (value["Value"], value["Relationship"]) in row.observed.authorities
    ),
    "IssuerWords": _issuer_words,
    "SignatureAlgorithm": lambda row, value: row.signature_algorithm == value.strip().upper(),
}


def _key_algorithm(row: Row) -> str:
    return key_algorithm(row.observed.certificate)[0]
