from __future__ import annotations

import ipaddress
from typing import Any

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID, ObjectIdentifier

from certmock.pki.names import general_name, rfc2253, subject_from_name, x509_name

FULL_SUBJECT: dict[str, Any] = {
    "Country": "US",
    "Organization": "Example Corp",
    "OrganizationalUnit": "Security",
    "DistinguishedNameQualifier": "dnq-1",
    "State": "Washington",
    "CommonName": "Example Root",
    "SerialNumber": "0001",
    "Locality": "Seattle",
    "Title": "CA",
    "Surname": "Doe",
    "GivenName": "Jane",
    "Initials": "JD",
    "Pseudonym": "jdoe",
    "GenerationQualifier": "III",
}


def test_full_subject_round_trip_in_shape_order() -> None:
    # Shuffled input: the encoding order must still be the shape's member order.
    name = x509_name(dict(reversed(FULL_SUBJECT.items())))
    assert [attribute.oid for attribute in name] == [
        NameOID.COUNTRY_NAME,
        NameOID.ORGANIZATION_NAME,
        NameOID.ORGANIZATIONAL_UNIT_NAME,
        NameOID.DN_QUALIFIER,
        NameOID.STATE_OR_PROVINCE_NAME,
        NameOID.COMMON_NAME,
        NameOID.SERIAL_NUMBER,
        NameOID.LOCALITY_NAME,
        NameOID.TITLE,
        NameOID.SURNAME,
        NameOID.GIVEN_NAME,
        NameOID.INITIALS,
        NameOID.PSEUDONYM,
        NameOID.GENERATION_QUALIFIER,
    ]
    assert all(len(rdn) == 1 for rdn in name.rdns)
    assert subject_from_name(name) == FULL_SUBJECT
    assert list(subject_from_name(name)) == list(FULL_SUBJECT)


def test_empty_strings_and_none_are_left_out() -> None:
    name = x509_name({"CommonName": "x", "Organization": "", "Locality": None})
    assert subject_from_name(name) == {"CommonName": "x"}
    assert x509_name({}) == x509.Name([])


def test_custom_attributes() -> None:
    subject = {
        "CustomAttributes": [
            {"ObjectIdentifier": "2.5.4.3", "Value": "custom cn"},
            {"ObjectIdentifier": "1.3.6.1.4.1.99999.1", "Value": "private"},
            {"ObjectIdentifier": "2.5.4.3", "Value": "second cn"},
        ]
    }
    name = x509_name(subject)
    assert [(a.oid.dotted_string, a.value) for a in name] == [
        ("2.5.4.3", "custom cn"),
        ("1.3.6.1.4.1.99999.1", "private"),
        ("2.5.4.3", "second cn"),
    ]
    assert subject_from_name(name) == subject
    assert x509_name(subject_from_name(name)) == name


def test_custom_attributes_cannot_be_combined() -> None:
    with pytest.raises(
        ValueError, match=r"cannot be combined with standard attributes.*CommonName"
    ):
        x509_name(
            {
                "CommonName": "x",
                "CustomAttributes": [{"ObjectIdentifier": "1.2.3.4", "Value": "y"}],
            }
        )


@pytest.mark.parametrize(
    ("subject", "message"),
    [
        ({"Comonname": "typo"}, "Unknown ASN1Subject member.*Comonname"),
        ({"Country": "USA"}, "Country 'USA' is invalid"),
        ({"CommonName": 7}, "CommonName must be a string"),
        ({"CustomAttributes": [{"ObjectIdentifier": "not-an-oid", "Value": "v"}]}, "not a valid"),
        ({"CustomAttributes": [{"ObjectIdentifier": "1.2.3"}]}, "exactly ObjectIdentifier"),
    ],
)
def test_invalid_subjects(subject: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        x509_name(subject)


def test_subject_from_foreign_name_falls_back_to_custom_attributes() -> None:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.DOMAIN_COMPONENT, "example"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "a"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "b"),
        ]
    )
    subject = subject_from_name(name)
    assert subject == {
        "CustomAttributes": [
            {"ObjectIdentifier": "0.9.2342.19200300.100.1.25", "Value": "example"},
            {"ObjectIdentifier": "2.5.4.11", "Value": "a"},
            {"ObjectIdentifier": "2.5.4.11", "Value": "b"},
        ]
    }
    assert x509_name(subject) == name


def test_rfc2253_most_specific_first() -> None:
    name = x509_name({"Country": "US", "Organization": "Example Corp", "CommonName": "root"})
    assert rfc2253(name) == "CN=root,O=Example Corp,C=US"
    assert rfc2253(x509.Name([])) == ""


def test_rfc2253_unknown_types_as_hex_der() -> None:
    # title is UTF8String (0c), serialNumber PrintableString (13): RFC 2253 has no keyword.
    name = x509_name({"CommonName": "x", "SerialNumber": "123", "Title": "Dr"})
    assert rfc2253(name) == "2.5.4.12=#0c024472,2.5.4.5=#1303313233,CN=x"


def test_rfc2253_escaping_and_multi_valued_rdn() -> None:
    name = x509.Name(
        [
            x509.RelativeDistinguishedName(
                [
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, '#a,b+c"d\\e<f>g;h '),
                    x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, " lead"),
                ]
            ),
            x509.RelativeDistinguishedName([x509.NameAttribute(NameOID.COMMON_NAME, "Ünïcode")]),
        ]
    )
    assert rfc2253(name) == 'CN=Ünïcode,O=\\#a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h\\ +OU=\\ lead'


def test_rfc2253_long_value_hex() -> None:
    value = "v" * 200  # long form DER length
    attribute = x509.NameAttribute(ObjectIdentifier("1.2.3.4"), value)
    assert rfc2253(x509.Name([attribute])) == "1.2.3.4=#0c81c8" + "76" * 200


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"DnsName": "example.com"}, x509.DNSName("example.com")),
        ({"Rfc822Name": "a@example.com"}, x509.RFC822Name("a@example.com")),
        (
            {"UniformResourceIdentifier": "https://x/y"},
            x509.UniformResourceIdentifier("https://x/y"),
        ),
        ({"IpAddress": "10.0.0.1"}, x509.IPAddress(ipaddress.ip_address("10.0.0.1"))),
        ({"IpAddress": "2001:db8::1"}, x509.IPAddress(ipaddress.ip_address("2001:db8::1"))),
        ({"RegisteredId": "1.2.3.4"}, x509.RegisteredID(ObjectIdentifier("1.2.3.4"))),
        (
            {"DirectoryName": {"CommonName": "dir"}},
            x509.DirectoryName(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "dir")])),
        ),
        (
            {"OtherName": {"TypeId": "1.3.6.1.4.1.311.20.2.3", "Value": "upn@example"}},
            x509.OtherName(ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), b"\x0c\x0bupn@example"),
        ),
    ],
)
def test_general_name(value: dict[str, Any], expected: x509.GeneralName) -> None:
    assert general_name(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"DnsName": "a", "IpAddress": "10.0.0.1"}, "exactly one member.*DnsName, IpAddress"),
        ({}, r"exactly one member set \(found: none\)"),
        ({"EdiPartyName": {"PartyName": "p"}}, "EdiPartyName"),
        ({"IpAddress": "10.0.0.0/8"}, "not an IPv4 or IPv6 address"),
        ({"Dns": "x"}, "Unknown GeneralName member"),
        ({"OtherName": {"TypeId": "1.2.3"}}, "TypeId and Value"),
    ],
)
def test_invalid_general_names(value: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        general_name(value)
