"""ImportCertificate: what it accepts, what it refuses (with AWS's messages), reimport, and the
DescribeCertificate fields computed from the imported X.509."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from certmock import Mock
from certmock.services.acm import store
from tests.services.acm.helpers import (
    DAY,
    NOW,
    Chain,
    describe,
    error_of,
    events_of,
    import_self_signed,
    key_pem,
    make_certificate,
    new_key,
    pem,
)

pytestmark = pytest.mark.certmock(now=NOW)

DATA = Path(__file__).parent / "data"


def import_(
    acm: Any, certificate: x509.Certificate, key: Any, chain: bytes | None = None, **request: Any
) -> str:
    request.update(Certificate=pem(certificate), PrivateKey=key_pem(key))
    if chain is not None:
        request["CertificateChain"] = chain
    arn: str = acm.import_certificate(**request)["CertificateArn"]
    return arn


def refusal(acm: Any, **request: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as raised:
        acm.import_certificate(**request)
    return error_of(raised)


# -- what DescribeCertificate reports ----------------------------------------------------------
def test_an_imported_certificate_is_issued_with_fields_read_from_its_x509(acm: Any) -> None:
    key = new_key("EC_prime256v1")
    certificate = make_certificate(
        key, common_name="www.example.com", sans=["www.example.com", "api.example.com"]
    )
    arn = import_(acm, certificate, key)
    found = describe(acm, arn)
    assert found["Type"] == "IMPORTED"
    assert found["Status"] == "ISSUED"
    assert found["DomainName"] == "www.example.com"
    assert found["SubjectAlternativeNames"] == ["www.example.com", "api.example.com"]
    assert found["Subject"] == "CN=www.example.com"
    assert found["NotBefore"] == certificate.not_valid_before_utc
    assert found["NotAfter"] == certificate.not_valid_after_utc
    assert found["ImportedAt"] == NOW
    assert found["CreatedAt"] == NOW
    assert found["KeyUsages"] == [{"Name": "DIGITAL_SIGNATURE"}]
    assert found["ExtendedKeyUsages"] == [
        {"Name": "TLS_WEB_SERVER_AUTHENTICATION", "OID": "1.3.6.1.5.5.7.3.1"}
    ]
    assert found["InUseBy"] == []
    assert found["RenewalEligibility"] == "INELIGIBLE"
    assert "IssuedAt" not in found
    # Responses recorded against AWS (fact sheet 11.5): each name alone, and both options off.
    assert found["DomainValidationOptions"] == [
        {"DomainName": "www.example.com"},
        {"DomainName": "api.example.com"},
    ]
    assert found["Options"] == {
        "CertificateTransparencyLoggingPreference": "DISABLED",
        "Export": "DISABLED",
    }


def test_the_arn_names_the_account_region_and_a_uuid(acm: Any) -> None:
    arn = import_self_signed(acm)
    prefix, certificate_id = arn.rsplit("/", 1)
    assert prefix == "arn:aws:acm:eu-west-1:123456789012:certificate"
    assert len(certificate_id) == 36
    assert certificate_id.count("-") == 4


@pytest.mark.parametrize(
    ("kind", "shown"),
    [
        ("RSA_2048", "RSA-2048"),
        ("RSA_3072", "RSA-3072"),
        ("RSA_4096", "RSA-4096"),
        ("EC_prime256v1", "EC-prime256v1"),
        ("EC_secp384r1", "EC-secp384r1"),
        ("EC_secp521r1", "EC-secp521r1"),
    ],
)
def test_the_key_algorithm_is_shown_hyphenated(acm: Any, kind: str, shown: str) -> None:
    assert describe(acm, import_self_signed(acm, kind=kind))["KeyAlgorithm"] == shown


def test_an_rsa_1024_key_is_accepted(acm: Any) -> None:
    key = rsa.generate_private_key(65537, 1024)
    arn = import_(acm, make_certificate(key), key)
    assert describe(acm, arn)["KeyAlgorithm"] == "RSA-1024"


@pytest.mark.parametrize(
    ("kind", "signature"),
    [("RSA_2048", "SHA256WITHRSA"), ("EC_secp384r1", "SHA256WITHECDSA")],
)
def test_the_signature_algorithm_names_digest_and_family(
    acm: Any, kind: str, signature: str
) -> None:
    assert describe(acm, import_self_signed(acm, kind=kind))["SignatureAlgorithm"] == signature


def test_the_serial_is_colon_separated_lowercase_hex(acm: Any) -> None:
    arn = import_self_signed(acm, serial=0x0FACB0A38DEA65522D7D013A3936DBD6)
    assert describe(acm, arn)["Serial"] == "0f:ac:b0:a3:8d:ea:65:52:2d:7d:01:3a:39:36:db:d6"


def test_a_short_serial_keeps_its_length(acm: Any) -> None:
    assert describe(acm, import_self_signed(acm, serial=0x1234))["Serial"] == "12:34"


def test_the_issuer_is_the_issuing_cas_organization(acm: Any) -> None:
    chain = Chain()
    key = new_key()
    arn = import_(acm, chain.leaf(key), key, chain.chain_pem())
    assert describe(acm, arn)["Issuer"] == "Test Intermediate"  # no O: its common name


def test_a_subject_with_several_attributes_is_in_the_certificates_order(acm: Any) -> None:
    """As recorded from AWS (fact sheet 11.5: ``C=AU,ST=Some-State,...,CN=localhost``), not in
    RFC 2253's most-specific-first order."""
    key = new_key()
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example Corp"),
            x509.NameAttribute(NameOID.COMMON_NAME, "shop.example.com"),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(NOW - DAY)
        .not_valid_after(NOW + DAY)
        .sign(key, make_certificate(key).signature_hash_algorithm)  # type: ignore[arg-type]
    )
    found = describe(acm, import_(acm, certificate, key))
    assert found["Subject"] == "C=US,O=Example Corp,CN=shop.example.com"
    assert found["Issuer"] == "Example Corp"
    # No subjectAltName: the common name stands in, and no usages are listed.
    assert found["SubjectAlternativeNames"] == ["shop.example.com"]
    assert found["KeyUsages"] == []
    assert found["ExtendedKeyUsages"] == []


def test_ip_address_sans_are_listed(acm: Any) -> None:
    key = new_key()
    issuer_key = new_key()
    issuer = make_certificate(issuer_key, common_name="issuer", ca=True)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([]))
        .issuer_name(issuer.subject)
        .public_key(key.public_key())
        .serial_number(9)
        .not_valid_before(NOW - DAY)
        .not_valid_after(NOW + DAY)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("10.0.0.1"))]),
            critical=False,
        )
        .sign(issuer_key, issuer.signature_hash_algorithm)  # type: ignore[arg-type]
    )
    found = describe(acm, import_(acm, certificate, key, pem(issuer)))
    assert found["DomainName"] == "10.0.0.1"
    assert found["SubjectAlternativeNames"] == ["10.0.0.1"]


@pytest.mark.parametrize(
    ("usage", "name"),
    [
        (ExtendedKeyUsageOID.CLIENT_AUTH, "TLS_WEB_CLIENT_AUTHENTICATION"),
        (ExtendedKeyUsageOID.CODE_SIGNING, "CODE_SIGNING"),
        (ExtendedKeyUsageOID.EMAIL_PROTECTION, "EMAIL_PROTECTION"),
        (ExtendedKeyUsageOID.TIME_STAMPING, "TIME_STAMPING"),
        (ExtendedKeyUsageOID.OCSP_SIGNING, "OCSP_SIGNING"),
        (x509.ObjectIdentifier("1.3.6.1.5.5.7.3.5"), "IPSEC_END_SYSTEM"),
        (x509.ObjectIdentifier("1.3.6.1.5.5.7.3.6"), "IPSEC_TUNNEL"),
        (x509.ObjectIdentifier("1.3.6.1.5.5.7.3.7"), "IPSEC_USER"),
        (ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE, "ANY"),
        (x509.ObjectIdentifier("1.2.3.4.5"), "CUSTOM"),
    ],
)
def test_extended_key_usages_are_named_with_their_oid(
    acm: Any, usage: x509.ObjectIdentifier, name: str
) -> None:
    arn = import_self_signed(acm, extended_key_usage=[usage])
    assert describe(acm, arn)["ExtendedKeyUsages"] == [{"Name": name, "OID": usage.dotted_string}]


def test_get_certificate_returns_the_certificate_and_the_chain_as_imported(acm: Any) -> None:
    chain = Chain()
    key = new_key()
    leaf = chain.leaf(key)
    arn = import_(acm, leaf, key, chain.chain_pem())
    got = acm.get_certificate(CertificateArn=arn)
    assert x509.load_pem_x509_certificate(got["Certificate"].encode()) == leaf
    assert got["CertificateChain"] == chain.chain_pem().decode()


def test_a_self_signed_certificate_has_no_chain(acm: Any) -> None:
    assert "CertificateChain" not in acm.get_certificate(CertificateArn=import_self_signed(acm))


def test_import_announces_the_certificate_available(acm: Any, certmock: Mock) -> None:
    arn = import_self_signed(acm, not_after=NOW + 30 * DAY)
    (event,) = events_of(certmock, "ACM Certificate Available")
    assert event["resources"] == [arn]
    assert event["source"] == "aws.acm"
    assert event["time"] == "2026-01-01T12:00:00Z"
    assert event["detail"]["Action"] == "IMPORT"
    assert event["detail"]["CertificateType"] == "IMPORTED"
    assert event["detail"]["CommonName"] == "www.example.com"
    assert event["detail"]["DaysToExpiry"] == 30
    assert event["detail"]["InUse"] is False
    assert event["detail"]["Exported"] is False


def test_tags_given_at_import_are_kept(acm: Any) -> None:
    arn = import_self_signed(acm, Tags=[{"Key": "team", "Value": "edge"}, {"Key": "bare"}])
    assert acm.list_tags_for_certificate(CertificateArn=arn)["Tags"] == [
        {"Key": "team", "Value": "edge"},
        {"Key": "bare"},
    ]


# -- refusals -----------------------------------------------------------------------------------
def test_more_than_one_certificate_is_refused(acm: Any) -> None:
    key = new_key()
    certificate = make_certificate(key)
    assert refusal(
        acm, Certificate=pem(certificate) + pem(certificate), PrivateKey=key_pem(key)
    ) == (
        "ValidationException",
        "The certificate field contains more than one certificate. You can specify only one "
        "certificate in this field.",
    )


@pytest.mark.parametrize(
    "body",
    [
        b"not a certificate",
        b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
    ],
    ids=["no-pem", "bad-der", "wrong-label"],
)
def test_a_malformed_certificate_is_refused(acm: Any, body: bytes) -> None:
    assert refusal(acm, Certificate=body, PrivateKey=key_pem(new_key())) == (
        "ValidationException",
        "The certificate body provided is not in a valid PEM format.",
    )


def test_an_x509_version_1_certificate_is_refused(acm: Any) -> None:
    """ACM imports X.509 version 3 only (ACM user guide, import prerequisites; fact sheet
    11.5). ``cryptography`` builds version 3 only: the certificate is test data made once with
    openssl (tests/services/acm/data/README.md)."""
    certificate, key = (DATA / name for name in ("x509_v1_certificate.pem", "x509_v1_key.pem"))
    assert x509.load_pem_x509_certificate(certificate.read_bytes()).version == x509.Version.v1
    code, message = refusal(acm, Certificate=certificate.read_bytes(), PrivateKey=key.read_bytes())
    assert code == "ValidationException"
    assert "X.509 version 3" in message
    assert acm.list_certificates()["CertificateSummaryList"] == []


def test_a_malformed_private_key_is_refused(acm: Any) -> None:
    key = new_key()
    code, message = refusal(
        acm, Certificate=pem(make_certificate(key)), PrivateKey=b"-----BEGIN PRIVATE KEY-----"
    )
    assert code == "ValidationException"
    assert message.startswith("The private key is not in a valid PEM format")


def test_an_encrypted_private_key_is_refused(acm: Any) -> None:
    key = new_key()
    encrypted = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"secret"),
    )
    assert refusal(acm, Certificate=pem(make_certificate(key)), PrivateKey=encrypted) == (
        "ValidationException",
        "The private key is not supported.",
    )


def test_an_ed25519_key_is_not_supported(acm: Any) -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    signer_key = new_key()
    assert refusal(acm, Certificate=pem(make_certificate(signer_key)), PrivateKey=key_pem(key)) == (
        "ValidationException",
        "The private key is not supported.",
    )


def test_an_rsa_key_of_another_length_is_refused_with_its_length(acm: Any) -> None:
    key = rsa.generate_private_key(65537, 1536)
    assert refusal(acm, Certificate=pem(make_certificate(key)), PrivateKey=key_pem(key)) == (
        "ValidationException",
        "The private key length 1536 is not supported for key algorithm.",
    )


def test_a_key_that_does_not_match_the_certificate_is_refused(acm: Any) -> None:
    certificate = make_certificate(new_key())
    assert refusal(acm, Certificate=pem(certificate), PrivateKey=key_pem(new_key())) == (
        "ValidationException",
        "The private key does not match the public key in the certificate.",
    )


@pytest.mark.parametrize(
    ("window", "start"),
    [
        ((NOW - 100 * DAY, NOW - DAY), "The certificate has expired"),
        ((NOW + DAY, NOW + 100 * DAY), "The certificate is not valid yet"),
    ],
    ids=["expired", "not-yet-valid"],
)
def test_a_certificate_outside_its_validity_is_refused(
    acm: Any, window: tuple[Any, Any], start: str
) -> None:
    key = new_key()
    certificate = make_certificate(key, not_before=window[0], not_after=window[1])
    code, message = refusal(acm, Certificate=pem(certificate), PrivateKey=key_pem(key))
    assert code == "ValidationException"
    assert message.startswith(start)


def test_validity_is_judged_on_the_virtual_clock(acm: Any, certmock: Mock) -> None:
    key = new_key()
    certificate = make_certificate(key, not_after=NOW + DAY)
    certmock.clock.advance(days=2)
    code, _ = refusal(acm, Certificate=pem(certificate), PrivateKey=key_pem(key))
    assert code == "ValidationException"


def test_a_certificate_signed_by_someone_else_needs_a_chain(acm: Any) -> None:
    key = new_key()
    leaf = Chain().leaf(key)
    assert refusal(acm, Certificate=pem(leaf), PrivateKey=key_pem(key)) == (
        "ValidationException",
        "Provided certificate is not a valid self signed. Please provide either a valid "
        "self-signed certificate or certificate chain.",
    )


def test_a_chain_that_did_not_sign_the_certificate_is_refused(acm: Any) -> None:
    key = new_key()
    leaf = Chain().leaf(key)
    assert refusal(
        acm, Certificate=pem(leaf), PrivateKey=key_pem(key), CertificateChain=Chain().chain_pem()
    ) == ("ValidationException", "Could not validate the certificate with the certificate chain.")


def test_the_root_alone_does_not_validate_a_leaf_of_its_intermediate(acm: Any) -> None:
    chain = Chain()
    key = new_key()
    _code, message = refusal(
        acm,
        Certificate=pem(chain.leaf(key)),
        PrivateKey=key_pem(key),
        CertificateChain=pem(chain.root),
    )
    assert message == "Could not validate the certificate with the certificate chain."


@pytest.mark.parametrize(
    ("arrange", "index"),
    [
        (lambda chain, leaf: pem(leaf) + chain.chain_pem(), 0),
        (lambda chain, leaf: pem(chain.intermediate) + pem(chain.intermediate), 1),
    ],
    ids=["certificate-in-its-own-chain", "out-of-order"],
)
def test_a_chain_out_of_order_names_the_invalid_index(acm: Any, arrange: Any, index: int) -> None:
    chain = Chain()
    key = new_key()
    leaf = chain.leaf(key)
    assert refusal(
        acm, Certificate=pem(leaf), PrivateKey=key_pem(key), CertificateChain=arrange(chain, leaf)
    ) == (
        "ValidationException",
        "Unable to validate certificate chain. The certificate chain must start with the "
        "immediate signing certificate, followed by any intermediaries in order. The index "
        f"within the chain of the invalid certificate is: {index}",
    )


def test_a_malformed_chain_is_refused(acm: Any) -> None:
    chain = Chain()
    key = new_key()
    assert refusal(
        acm,
        Certificate=pem(chain.leaf(key)),
        PrivateKey=key_pem(key),
        CertificateChain=b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    ) == ("ValidationException", "The certificate chain provided is not in a valid PEM format.")


def test_an_rsa_certificate_from_an_ec_issuer_is_refused(acm: Any) -> None:
    chain = Chain("EC_prime256v1")
    key = new_key("RSA_2048")
    code, message = refusal(
        acm,
        Certificate=pem(chain.leaf(key)),
        PrivateKey=key_pem(key),
        CertificateChain=chain.chain_pem(),
    )
    assert code == "ValidationException"
    assert "must match the algorithm of the CA" in message


def test_the_certificate_quota_is_enforced(acm: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "MAX_CERTIFICATES", 2)
    import_self_signed(acm)
    import_self_signed(acm)
    key = new_key()
    assert refusal(acm, Certificate=pem(make_certificate(key)), PrivateKey=key_pem(key)) == (
        "LimitExceededException",
        "You have reached the maximum number of certificates. Delete certificates that are not "
        "in use, or contact AWS Support to request an increase.",
    )


def test_a_deleted_certificate_frees_its_place_in_the_quota(
    acm: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "MAX_CERTIFICATES", 2)
    import_self_signed(acm)
    public = acm.request_certificate(DomainName="www.example.com")["CertificateArn"]
    acm.delete_certificate(CertificateArn=public)
    import_self_signed(acm)
    key = new_key()
    code, _ = refusal(acm, Certificate=pem(make_certificate(key)), PrivateKey=key_pem(key))
    assert code == "LimitExceededException"


# -- reimport -----------------------------------------------------------------------------------
def test_reimport_replaces_the_material_under_the_same_arn(acm: Any, certmock: Mock) -> None:
    arn = import_self_signed(acm, Tags=[{"Key": "team", "Value": "edge"}])
    certmock.clock.advance(days=3)
    key = new_key()
    renewed = make_certificate(key, common_name="www.example.com", not_after=NOW + 400 * DAY)
    assert import_(acm, renewed, key, CertificateArn=arn) == arn
    found = describe(acm, arn)
    assert found["NotAfter"] == renewed.not_valid_after_utc
    assert found["ImportedAt"] == NOW + 3 * DAY
    assert found["CreatedAt"] == NOW
    assert acm.list_tags_for_certificate(CertificateArn=arn)["Tags"] == [
        {"Key": "team", "Value": "edge"}
    ]
    actions = [e["detail"]["Action"] for e in events_of(certmock, "ACM Certificate Available")]
    assert actions == ["IMPORT", "REIMPORT"]


def test_reimport_may_change_the_domain_names(acm: Any) -> None:
    arn = import_self_signed(acm, common_name="a.example.com")
    key = new_key()
    import_(acm, make_certificate(key, common_name="b.example.com"), key, CertificateArn=arn)
    assert describe(acm, arn)["DomainName"] == "b.example.com"


def test_tags_are_not_permitted_on_reimport(acm: Any) -> None:
    arn = import_self_signed(acm)
    key = new_key()
    assert refusal(
        acm,
        Certificate=pem(make_certificate(key)),
        PrivateKey=key_pem(key),
        CertificateArn=arn,
        Tags=[{"Key": "a", "Value": "b"}],
    ) == ("ValidationException", "Tagging is not permitted on re-import.")


def test_reimport_into_an_unknown_arn_is_not_found(acm: Any) -> None:
    arn = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000000"
    key = new_key()
    assert refusal(
        acm, Certificate=pem(make_certificate(key)), PrivateKey=key_pem(key), CertificateArn=arn
    ) == ("ResourceNotFoundException", f"Could not find certificate {arn}.")


def test_reimport_into_a_requested_certificate_is_refused(acm: Any) -> None:
    arn = acm.request_certificate(DomainName="www.example.com", ValidationMethod="DNS")[
        "CertificateArn"
    ]
    key = new_key()
    code, message = refusal(
        acm, Certificate=pem(make_certificate(key)), PrivateKey=key_pem(key), CertificateArn=arn
    )
    assert code == "ValidationException"
    assert "only an IMPORTED certificate can be reimported" in message


def test_reimport_cannot_change_the_key_type(acm: Any) -> None:
    arn = import_self_signed(acm, kind="EC_prime256v1")
    key = new_key("EC_secp384r1")
    code, message = refusal(
        acm, Certificate=pem(make_certificate(key)), PrivateKey=key_pem(key), CertificateArn=arn
    )
    assert code == "ValidationException"
    assert "EC_prime256v1" in message
    assert "EC_secp384r1" in message


def test_reimport_cannot_drop_an_extended_key_usage(acm: Any) -> None:
    arn = import_self_signed(
        acm, extended_key_usage=[ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CODE_SIGNING]
    )
    key = new_key()
    certificate = make_certificate(key, extended_key_usage=[ExtendedKeyUsageOID.SERVER_AUTH])
    code, message = refusal(
        acm, Certificate=pem(certificate), PrivateKey=key_pem(key), CertificateArn=arn
    )
    assert (code, message.endswith("missing: CODE_SIGNING.")) == ("ValidationException", True)


def test_reimport_may_drop_client_authentication(acm: Any) -> None:
    arn = import_self_signed(
        acm, extended_key_usage=[ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
    )
    key = new_key()
    certificate = make_certificate(key, extended_key_usage=[ExtendedKeyUsageOID.SERVER_AUTH])
    assert import_(acm, certificate, key, CertificateArn=arn) == arn


def test_reimport_cannot_add_usage_extensions_the_original_lacked(acm: Any) -> None:
    arn = import_self_signed(acm, key_usage=False, extended_key_usage=[])
    key = new_key()
    code, message = refusal(
        acm, Certificate=pem(make_certificate(key)), PrivateKey=key_pem(key), CertificateArn=arn
    )
    assert code == "ValidationException"
    assert "cannot add a KeyUsage extension" in message


def test_a_certificate_with_an_empty_issuer_is_refused(acm: Any) -> None:
    key = new_key()
    empty = x509.Name([])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(empty)
        .issuer_name(empty)
        .public_key(key.public_key())
        .serial_number(5)
        .not_valid_before(NOW - DAY)
        .not_valid_after(NOW + DAY)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("a.example.com")]), False)
        .sign(key, make_certificate(key).signature_hash_algorithm)  # type: ignore[arg-type]
    )
    assert refusal(acm, Certificate=pem(certificate), PrivateKey=key_pem(key)) == (
        "ValidationException",
        "The certificate's Issuer field must not be empty.",
    )


def test_a_certificate_naming_no_domain_is_refused(acm: Any) -> None:
    chain = Chain()
    key = new_key()
    leaf = chain.leaf(key, common_name=None)
    code, message = refusal(
        acm, Certificate=pem(leaf), PrivateKey=key_pem(key), CertificateChain=chain.chain_pem()
    )
    assert code == "ValidationException"
    assert "names no domain" in message


def test_an_email_address_alone_names_no_domain(acm: Any) -> None:
    chain = Chain()
    key = new_key()
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example")]))
        .issuer_name(chain.intermediate.subject)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(NOW - DAY)
        .not_valid_after(NOW + 30 * DAY)
        .add_extension(x509.SubjectAlternativeName([x509.RFC822Name("pki@example.com")]), False)
        .sign(chain.intermediate_key, chain.leaf(key).signature_hash_algorithm)  # type: ignore[arg-type]
    )
    assert refusal(
        acm, Certificate=pem(leaf), PrivateKey=key_pem(key), CertificateChain=chain.chain_pem()
    ) == (
        "ValidationException",
        "The certificate names no domain: it has neither a common name nor a DNS name or IP "
        "address among its subject alternative names.",
    )
