"""ACM-PCA ``ASN1Subject`` and ``GeneralName`` dictionaries to and from X.509 names.

RDN order: one attribute per RDN, in the member order of botocore's ``ASN1Subject`` shape
(C, O, OU, dnQualifier, ST, CN, serialNumber, L, title, SN, GN, initials, pseudonym,
generationQualifier), which is also the order AWS writes them. The first attribute is the
most significant one, so an RFC 2253 string lists them the other way round (``CN=...,C=US``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from typing import Any

from cryptography import x509
from cryptography.x509.oid import NameOID, ObjectIdentifier

# Shape member order matters: it is the encoding order.
_STANDARD: dict[str, ObjectIdentifier] = {
    "Country": NameOID.COUNTRY_NAME,
    "Organization": NameOID.ORGANIZATION_NAME,
    "OrganizationalUnit": NameOID.ORGANIZATIONAL_UNIT_NAME,
    "DistinguishedNameQualifier": NameOID.DN_QUALIFIER,
    "State": NameOID.STATE_OR_PROVINCE_NAME,
    "CommonName": NameOID.COMMON_NAME,
    "SerialNumber": NameOID.SERIAL_NUMBER,
    "Locality": NameOID.LOCALITY_NAME,
    "Title": NameOID.TITLE,
    "Surname": NameOID.SURNAME,
    "GivenName": NameOID.GIVEN_NAME,
    "Initials": NameOID.INITIALS,
    "Pseudonym": NameOID.PSEUDONYM,
    "GenerationQualifier": NameOID.GENERATION_QUALIFIER,
}
_MEMBER_OF = {oid: member for member, oid in _STANDARD.items()}

# The only attribute keywords RFC 2253 defines; every other type is written as <oid>=#<hex DER>,
# which is what the AWS audit report sample shows.
_RFC2253_KEYWORDS: dict[ObjectIdentifier, str] = {
    NameOID.COMMON_NAME: "CN",
    NameOID.LOCALITY_NAME: "L",
    NameOID.STATE_OR_PROVINCE_NAME: "ST",
    NameOID.ORGANIZATION_NAME: "O",
    NameOID.ORGANIZATIONAL_UNIT_NAME: "OU",
    NameOID.COUNTRY_NAME: "C",
    NameOID.STREET_ADDRESS: "STREET",
    NameOID.DOMAIN_COMPONENT: "DC",
    NameOID.USER_ID: "UID",
}


def _oid(dotted: Any, where: str) -> ObjectIdentifier:
    if not isinstance(dotted, str):
        raise ValueError(f"{where} must be a dotted object identifier string, got {dotted!r}")
    try:
        return ObjectIdentifier(dotted)
    except ValueError as error:
        raise ValueError(f"{where} {dotted!r} is not a valid object identifier: {error}") from None


def _attribute(oid: ObjectIdentifier, value: Any, where: str) -> x509.NameAttribute[str]:
    if not isinstance(value, str):
        raise ValueError(f"{where} must be a string, got {type(value).__name__}")
    try:
        return x509.NameAttribute(oid, value)
    except ValueError as error:
        # cryptography enforces e.g. two-letter countries and the 64-character CN bound.
        raise ValueError(f"{where} {value!r} is invalid: {error}") from None


def x509_name(subject: Mapping[str, Any]) -> x509.Name:
    """The X.509 name for an ACM-PCA ``ASN1Subject`` dictionary.

    Empty strings are left out (the shape allows them, and an empty attribute carries nothing;
    what AWS does with them is unknown). ``CustomAttributes`` must stand alone and keep their
    given order; their values are encoded as UTF8String.
    """
    unknown = sorted(set(subject) - set(_STANDARD) - {"CustomAttributes"})
    if unknown:
        raise ValueError(f"Unknown ASN1Subject member(s): {', '.join(unknown)}")
    standard = [member for member in _STANDARD if subject.get(member) not in (None, "")]
    custom = subject.get("CustomAttributes") or []
    if custom and standard:
        raise ValueError(
            "CustomAttributes cannot be combined with standard attributes"
            f" (also given: {', '.join(standard)})"
        )
    if custom:
        attributes = []
        for index, item in enumerate(custom):
            where = f"CustomAttributes[{index}]"
            if not isinstance(item, Mapping) or set(item) != {"ObjectIdentifier", "Value"}:
                raise ValueError(f"{where} must have exactly ObjectIdentifier and Value")
            oid = _oid(item["ObjectIdentifier"], f"{where}.ObjectIdentifier")
            attributes.append(_attribute(oid, item["Value"], f"{where}.Value"))
        return x509.Name(attributes)
    return x509.Name(
        [_attribute(_STANDARD[member], subject[member], member) for member in standard]
    )


def _text(value: str | bytes) -> str:
    # Only bit-string attributes (x500UniqueIdentifier) carry bytes; keep them readable.
    return value if isinstance(value, str) else "#" + value.hex()


def subject_from_name(name: x509.Name) -> dict[str, Any]:
    """An ``ASN1Subject`` dictionary describing ``name`` (best effort).

    Names made only of distinct standard attributes come back as standard members (in shape
    order, so an unusual RDN order is not preserved). Anything else - an attribute type without
    a member, or a repeated one such as two OUs - comes back as ``CustomAttributes`` in name
    order, which :func:`x509_name` turns back into an equal name. Multi-valued RDNs are
    flattened.
    """
    attributes = [attribute for rdn in name.rdns for attribute in rdn]
    oids = [attribute.oid for attribute in attributes]
    if all(oid in _MEMBER_OF for oid in oids) and len(set(oids)) == len(oids):
        by_member = {_MEMBER_OF[a.oid]: _text(a.value) for a in attributes}
        return {member: by_member[member] for member in _STANDARD if member in by_member}
    return {
        "CustomAttributes": [
            {"ObjectIdentifier": a.oid.dotted_string, "Value": _text(a.value)} for a in attributes
        ]
    }


def _der_element(data: bytes, position: int) -> tuple[int, int]:
    """(content start, end) of the DER element at ``position``; single-byte tags only, which is
    all a Name uses."""
    length = data[position + 1]
    start = position + 2
    if length & 0x80:
        size = length & 0x7F
        length = int.from_bytes(data[start : start + size], "big")
        start += size
    return start, start + length


def _value_der(attribute: x509.NameAttribute[Any]) -> bytes:
    # Let cryptography encode a one-attribute Name, then walk
    # SEQUENCE > SET > SEQUENCE > (OID, value) to cut out the value with its original type.
    der = x509.Name([attribute]).public_bytes()
    rdn_set, _ = _der_element(der, 0)
    type_and_value, _ = _der_element(der, rdn_set)
    oid_start, _ = _der_element(der, type_and_value)
    _, value_start = _der_element(der, oid_start)
    _, value_end = _der_element(der, value_start)
    return der[value_start:value_end]


def _escape(value: str) -> str:
    last = len(value) - 1
    return "".join(
        "\\" + char
        if char in ',+"\\<>;' or (i == 0 and char in "# ") or (i == last and char == " ")
        else char
        for i, char in enumerate(value)
    )


def rfc2253(name: x509.Name) -> str:
    """``name`` as an RFC 2253 string: most specific RDN first, ``+`` inside multi-valued RDNs,
    RFC 2253 keywords only, other types as ``<dotted oid>=#<lowercase hex DER>``."""
    return _joined(reversed(name.rdns))


def in_certificate_order(name: x509.Name) -> str:
    """``name`` written as ``rfc2253`` does, but with its RDNs in the order the certificate
    encodes them (``C=AU,ST=...,CN=localhost``): how ACM's DescribeCertificate shows a Subject
    (responses recorded against AWS, fact sheet 11.5)."""
    return _joined(name.rdns)


def _joined(ordered: Iterable[x509.RelativeDistinguishedName]) -> str:
    rdns = []
    for rdn in ordered:
        parts = []
        for attribute in rdn:
            keyword = _RFC2253_KEYWORDS.get(attribute.oid)
            if keyword is not None and isinstance(attribute.value, str):
                parts.append(f"{keyword}={_escape(attribute.value)}")
            else:
                parts.append(f"{attribute.oid.dotted_string}=#{_value_der(attribute).hex()}")
        rdns.append("+".join(parts))
    return ",".join(rdns)


_GENERAL_NAME_MEMBERS = (
    "OtherName",
    "Rfc822Name",
    "DnsName",
    "DirectoryName",
    "EdiPartyName",
    "UniformResourceIdentifier",
    "IpAddress",
    "RegisteredId",
)


def _utf8_string_der(value: str) -> bytes:
    content = value.encode("utf-8")
    if len(content) < 0x80:
        length = bytes([len(content)])
    else:
        size = (len(content).bit_length() + 7) // 8
        length = bytes([0x80 | size]) + len(content).to_bytes(size, "big")
    return b"\x0c" + length + content


def general_name(value: Mapping[str, Any]) -> x509.GeneralName:
    """The X.509 general name for an ACM-PCA ``GeneralName`` dictionary (exactly one member).

    ``OtherName.Value`` is encoded as a UTF8String (how AWS encodes it is unknown).
    ``EdiPartyName`` is refused: cryptography cannot represent it.
    """
    present = [member for member in _GENERAL_NAME_MEMBERS if value.get(member) is not None]
    unknown = sorted(set(value) - set(_GENERAL_NAME_MEMBERS))
    if unknown:
        raise ValueError(f"Unknown GeneralName member(s): {', '.join(unknown)}")
    if len(present) != 1:
        found = ", ".join(present) if present else "none"
        raise ValueError(f"A GeneralName must have exactly one member set (found: {found})")
    member = present[0]
    item = value[member]
    if member == "OtherName":
        if not isinstance(item, Mapping) or "TypeId" not in item or "Value" not in item:
            raise ValueError("OtherName needs TypeId and Value")
        if not isinstance(item["Value"], str):
            raise ValueError("OtherName.Value must be a string")
        type_id = _oid(item["TypeId"], "OtherName.TypeId")
        return x509.OtherName(type_id, _utf8_string_der(item["Value"]))
    if member == "DirectoryName":
        if not isinstance(item, Mapping):
            raise ValueError("DirectoryName must be an ASN1Subject structure")
        return x509.DirectoryName(x509_name(item))
    if member == "RegisteredId":
        return x509.RegisteredID(_oid(item, "RegisteredId"))
    if member == "EdiPartyName":
        raise ValueError("EdiPartyName general names are not supported by certmock")
    if not isinstance(item, str):
        raise ValueError(f"{member} must be a string, got {type(item).__name__}")
    if member == "IpAddress":
        try:
            return x509.IPAddress(ipaddress.ip_address(item))
        except ValueError:
            raise ValueError(f"IpAddress {item!r} is not an IPv4 or IPv6 address") from None
    if member == "Rfc822Name":
        return x509.RFC822Name(item)
    if member == "DnsName":
        return x509.DNSName(item)
    return x509.UniformResourceIdentifier(item)
