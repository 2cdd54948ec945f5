from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import (
    AuthorityInformationAccessOID,
    ExtendedKeyUsageOID,
    ExtensionOID,
    ObjectIdentifier,
)
from freezegun import freeze_time

from certmock.pki.ca_import import CertificateRejected, check_ca_certificate
from certmock.pki.certs import (
    Extensions,
    MalformedCertificate,
    load_certificate,
    load_certificate_chain,
    new_serial,
    pem,
    root_ca_extensions,
    serial_colon_hex,
    serial_hex,
    sign_certificate,
)
from certmock.pki.keys import AlgorithmMismatch, PrivateKey, generate_private_key
from certmock.pki.signatures import is_self_signed, verifies
from tests.pki.conftest import END, START, ca_csr, issue

EC = ec.EllipticCurvePrivateKey

# --- serials -------------------------------------------------------------------------------


def test_new_serial_skips_zero_and_short_draws_and_allows_top_bit() -> None:
    # Zero, then a draw whose top byte is zero (a 15-byte serial), then a full one.
    draws: Iterator[int] = iter([0, (1 << 119) | 3, (1 << 127) | 5])
    calls: list[int] = []

    def randbits(bits: int) -> int:
        calls.append(bits)
        return next(draws)

    assert new_serial(randbits) == (1 << 127) | 5
    assert calls == [128, 128, 128]


def test_new_serial_is_reproducible_with_a_seed() -> None:
    first = new_serial(random.Random(7).getrandbits)
    assert first == new_serial(random.Random(7).getrandbits)
    assert 0 < first < 1 << 128


def test_new_serial_rejects_out_of_range_sources() -> None:
    with pytest.raises(ValueError, match="outside the range"):
        new_serial(lambda bits: 1 << bits)


def test_serial_formats() -> None:
    serial = 0xE8CBD2BEDB122329F97706BCFEC990F8
    assert serial_hex(serial) == "e8cbd2bedb122329f97706bcfec990f8"
    assert serial_colon_hex(serial) == "e8:cb:d2:be:db:12:23:29:f9:77:06:bc:fe:c9:90:f8"


def test_serial_formats_pad_leading_zeros() -> None:
    serial = 0x0D5AE169A80D7A8372304AD137BD5A53  # leading zero nibble
    assert serial_hex(serial) == "0d5ae169a80d7a8372304ad137bd5a53"
    assert serial_colon_hex(serial) == "0d:5a:e1:69:a8:0d:7a:83:72:30:4a:d1:37:bd:5a:53"
    assert serial_hex(1) == "0" * 31 + "1"
    assert serial_colon_hex(1) == ":".join(["00"] * 15 + ["01"])


def test_serial_formats_longer_serials() -> None:
    # Imported CA certificates may carry up to 20-byte serials.
    serial = 0xABC << 128
    assert serial_hex(serial) == "abc" + "0" * 32
    assert serial_colon_hex(serial) == "0a:bc:" + ":".join(["00"] * 16)
    with pytest.raises(ValueError, match="positive"):
        serial_hex(0)


# --- signing -------------------------------------------------------------------------------

END_ENTITY: Extensions = [
    (x509.BasicConstraints(ca=False, path_length=None), False),
    (
        x509.KeyUsage(
            digital_signature=True,
            content_commitment=False,
            key_encipherment=True,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=False,
            crl_sign=False,
            encipher_only=False,
            decipher_only=False,
        ),
        True,
    ),
    (
        x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
        False,
    ),
]


def test_sign_end_entity(root_key: EC, root: x509.Certificate, other_key: EC) -> None:
    csr = ca_csr(other_key, "leaf.example")
    leaf = sign_certificate(
        csr=csr,
        issuer_key=root_key,
        issuer_certificate=root,
        signing_algorithm="SHA384WITHECDSA",
        serial=0xD5AE169A80D7A8372304AD137BD5A53C,
        not_before=START + timedelta(hours=1),
        not_after=START + timedelta(days=365),
        extensions=END_ENTITY,
    )
    assert leaf.version == x509.Version.v3
    assert leaf.subject == csr.subject
    assert leaf.issuer == root.subject
    assert leaf.serial_number == 0xD5AE169A80D7A8372304AD137BD5A53C
    assert leaf.not_valid_before_utc == START + timedelta(hours=1)
    assert leaf.not_valid_after_utc == START + timedelta(days=365)
    assert isinstance(leaf.signature_hash_algorithm, hashes.SHA384)
    # The AWS sample order: BC, AKI, SKI, then the template's own.
    assert [e.oid for e in leaf.extensions] == [
        ExtensionOID.BASIC_CONSTRAINTS,
        ExtensionOID.AUTHORITY_KEY_IDENTIFIER,
        ExtensionOID.SUBJECT_KEY_IDENTIFIER,
        ExtensionOID.KEY_USAGE,
        ExtensionOID.EXTENDED_KEY_USAGE,
    ]
    assert [e.critical for e in leaf.extensions] == [False, False, False, True, False]
    root_ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    aki = leaf.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    assert aki.key_identifier == root_ski.digest
    ski = leaf.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert ski == x509.SubjectKeyIdentifier.from_public_key(other_key.public_key())
    assert verifies(leaf, root)
    assert not is_self_signed(leaf)


def test_self_signed_root_aki_equals_ski(root: x509.Certificate) -> None:
    aki = root.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest
    constraints = root.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical
    assert constraints.value == x509.BasicConstraints(ca=True, path_length=None)
    usage = root.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert (usage.value.digital_signature, usage.value.key_cert_sign, usage.value.crl_sign) == (
        True,
        True,
        True,
    )
    assert not usage.value.key_encipherment


def test_root_ca_extensions_path_length() -> None:
    constraints, critical = root_ca_extensions(path_length=2)[0]
    assert constraints == x509.BasicConstraints(ca=True, path_length=2)
    assert critical


def test_given_aki_replaces_the_computed_one(root_key: EC, other_key: EC) -> None:
    given = x509.AuthorityKeyIdentifier(b"\x01" * 20, None, None)
    certificate = issue(other_key, "given aki", issuer_key=root_key, extensions=[(given, False)])
    [aki] = [e for e in certificate.extensions if e.oid == ExtensionOID.AUTHORITY_KEY_IDENTIFIER]
    assert aki.value == given


def test_freezegun_datetimes(root_key: EC, root: x509.Certificate, other_key: EC) -> None:
    with freeze_time("2025-06-01 12:34:56.789"):
        now = datetime.now(timezone.utc)
        assert type(now).__name__ == "FakeDatetime"
        leaf = sign_certificate(
            csr=ca_csr(other_key, "frozen"),
            issuer_key=root_key,
            issuer_certificate=root,
            signing_algorithm="SHA256WITHECDSA",
            serial=9,
            not_before=now - timedelta(minutes=60),
            not_after=now + timedelta(days=1),
            extensions=END_ENTITY,
        )
    assert leaf.not_valid_before_utc == datetime(2025, 6, 1, 11, 34, 56, tzinfo=timezone.utc)
    assert leaf.not_valid_after_utc == datetime(2025, 6, 2, 12, 34, 56, tzinfo=timezone.utc)


def test_naive_and_offset_datetimes_are_utc(root_key: EC) -> None:
    plus_two = timezone(timedelta(hours=2))
    certificate = issue(
        root_key,
        "times",
        not_before=datetime(2024, 3, 1, 12, 0, 0),
        not_after=datetime(2024, 3, 2, 14, 0, 0, tzinfo=plus_two),
    )
    assert certificate.not_valid_before_utc == datetime(2024, 3, 1, 12, tzinfo=timezone.utc)
    assert certificate.not_valid_after_utc == datetime(2024, 3, 2, 12, tzinfo=timezone.utc)


def test_issuer_key_must_match_issuer_certificate(root: x509.Certificate, other_key: EC) -> None:
    with pytest.raises(ValueError, match="does not belong"):
        issue(other_key, "x", issuer_key=other_key, issuer=root)


def test_signing_algorithm_must_fit_issuer_key(root_key: EC, other_key: EC) -> None:
    with pytest.raises(AlgorithmMismatch):
        sign_certificate(
            csr=ca_csr(other_key, "x"),
            issuer_key=root_key,
            issuer_certificate=None,
            signing_algorithm="SHA256WITHRSA",
            serial=1,
            not_before=START,
            not_after=END,
            extensions=[],
        )


@pytest.fixture(scope="module")
def rsa_key() -> PrivateKey:
    return generate_private_key("RSA_2048")


def test_rsa_issuer_ec_subject(rsa_key: PrivateKey, other_key: EC) -> None:
    rsa_root = issue(rsa_key, "rsa root")
    child = issue(other_key, "ec child", issuer_key=rsa_key, issuer=rsa_root)
    assert verifies(child, rsa_root)
    assert not verifies(rsa_root, child)  # key family differs from the signature's
    assert is_self_signed(rsa_root)


# --- PEM -----------------------------------------------------------------------------------


def test_pem_round_trip(root: x509.Certificate, sub: x509.Certificate) -> None:
    text = pem(root)
    assert text.startswith("-----BEGIN CERTIFICATE-----\n")
    assert load_certificate(text.encode()) == root
    chain = (pem(sub) + "some commentary\n" + pem(root)).encode()
    assert load_certificate_chain(chain) == [sub, root]
    assert load_certificate_chain(b"") == []
    assert load_certificate_chain(b" \n") == []
    assert load_certificate_chain(pem(root).replace("\n", "\r\n").encode()) == [root]


def test_load_certificate_refuses_two(root: x509.Certificate, sub: x509.Certificate) -> None:
    with pytest.raises(MalformedCertificate, match="Expected one PEM certificate, found 2"):
        load_certificate((pem(sub) + pem(root)).encode())
    with pytest.raises(MalformedCertificate, match="found 0"):
        load_certificate(b"")


def test_malformed_certificates(root: x509.Certificate, root_key: EC) -> None:
    body = pem(root)
    key_pem = root_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    der = root.public_bytes(serialization.Encoding.DER)
    cases = {
        b"garbage": "No PEM certificate",
        der: "No PEM certificate",
        body[:-30].encode(): "incomplete",
        body.replace(body[100:110], "!!!!!!!!!!").encode(): "could not be parsed",
        b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n": "could not be parsed",
        (body + key_pem).encode(): "'PRIVATE KEY', expected 'CERTIFICATE'",
    }
    for data, message in cases.items():
        with pytest.raises(MalformedCertificate, match=message):
            load_certificate_chain(data)


# --- signature checks ----------------------------------------------------------------------


def test_verifies_and_self_signed(
    root: x509.Certificate, sub: x509.Certificate, root_key: EC, other_key: EC
) -> None:
    assert verifies(sub, root)
    assert not verifies(root, sub)
    assert is_self_signed(root)
    assert not is_self_signed(sub)
    unrelated_root = issue(other_key, "certmock root")  # same subject as root, other key
    assert not verifies(sub, unrelated_root)
    # issuer == subject, but signed by someone else's key: not self-signed.
    impostor = issue(other_key, "certmock root", issuer_key=root_key, issuer=root)
    assert impostor.issuer == impostor.subject
    assert not is_self_signed(impostor)


# --- ImportCertificateAuthorityCertificate rules -------------------------------------------


def _rejected(
    certificate: x509.Certificate,
    chain: list[x509.Certificate],
    ca_type: str,
    key: PrivateKey,
) -> CertificateRejected:
    with pytest.raises(CertificateRejected) as caught:
        check_ca_certificate(certificate, chain, ca_type=ca_type, ca_public_key=key.public_key())
    return caught.value


def test_valid_imports(
    root: x509.Certificate, sub: x509.Certificate, root_key: EC, sub_key: EC
) -> None:
    check_ca_certificate(root, [], ca_type="ROOT", ca_public_key=root_key.public_key())
    check_ca_certificate(sub, [root], ca_type="SUBORDINATE", ca_public_key=sub_key.public_key())


def test_key_mismatch(root: x509.Certificate, sub: x509.Certificate, other_key: EC) -> None:
    error = _rejected(root, [], "ROOT", other_key)
    assert error.code == "CertificateMismatchException"
    assert "does not match the CA's key pair" in str(error)
    assert _rejected(sub, [root], "SUBORDINATE", other_key).code == "CertificateMismatchException"


def test_root_needs_self_signed(sub: x509.Certificate, sub_key: EC) -> None:
    error = _rejected(sub, [], "ROOT", sub_key)
    assert error.code == "InvalidRequestException"
    assert "only import a self-signed" in str(error)


def test_root_takes_no_chain(root: x509.Certificate, sub: x509.Certificate, root_key: EC) -> None:
    error = _rejected(root, [sub], "ROOT", root_key)
    assert error.code == "InvalidRequestException"
    assert "must not be given for a ROOT" in str(error)


def test_subordinate_refuses_self_signed(root: x509.Certificate, root_key: EC) -> None:
    error = _rejected(root, [root], "SUBORDINATE", root_key)
    assert error.code == "InvalidRequestException"
    assert "cannot import a self-signed" in str(error)


def test_subordinate_needs_chain(sub: x509.Certificate, sub_key: EC) -> None:
    error = _rejected(sub, [], "SUBORDINATE", sub_key)
    assert error.code == "InvalidRequestException"
    assert "chain is required" in str(error)


def test_chain_must_not_contain_the_certificate(
    root: x509.Certificate, sub: x509.Certificate, sub_key: EC
) -> None:
    error = _rejected(sub, [root, sub], "SUBORDINATE", sub_key)
    assert error.code == "InvalidRequestException"
    assert "position 1" in str(error)


def test_chain_must_start_with_the_issuer(
    sub: x509.Certificate, sub_key: EC, other_key: EC
) -> None:
    unrelated_root = issue(other_key, "certmock root")
    error = _rejected(sub, [unrelated_root], "SUBORDINATE", sub_key)
    assert error.code == "CertificateMismatchException"
    assert "The CA certificate is not signed by chain certificate 0" in str(error)


@pytest.fixture(scope="module")
def two_level(
    root_key: EC, root: x509.Certificate, other_key: EC, sub_key: EC
) -> tuple[x509.Certificate, x509.Certificate]:
    """(middle CA with path length 1 under root, CA under the middle one)."""
    middle = issue(
        other_key,
        "middle",
        issuer_key=root_key,
        issuer=root,
        extensions=root_ca_extensions(path_length=1),
    )
    lower = issue(sub_key, "lower", issuer_key=other_key, issuer=middle)
    return middle, lower


def test_two_level_chain(
    root: x509.Certificate, two_level: tuple[x509.Certificate, x509.Certificate], sub_key: EC
) -> None:
    middle, lower = two_level
    check_ca_certificate(
        lower, [middle, root], ca_type="SUBORDINATE", ca_public_key=sub_key.public_key()
    )
    wrong_order = _rejected(lower, [root, middle], "SUBORDINATE", sub_key)
    assert wrong_order.code == "CertificateMismatchException"
    assert "not signed by chain certificate 0" in str(wrong_order)


def test_the_chain_must_end_with_its_root(
    two_level: tuple[x509.Certificate, x509.Certificate], sub_key: EC
) -> None:
    middle, lower = two_level
    error = _rejected(lower, [middle], "SUBORDINATE", sub_key)
    assert error.code == "InvalidRequestException"
    assert "Chain certificate 0, the last, is not a self-signed root" in str(error)


def test_every_chain_link_must_verify(
    two_level: tuple[x509.Certificate, x509.Certificate], sub_key: EC, root_key: EC
) -> None:
    middle, lower = two_level
    stranger = issue(generate_private_key("EC_prime256v1"), "stranger")
    error = _rejected(lower, [middle, stranger], "SUBORDINATE", sub_key)
    assert error.code == "CertificateMismatchException"
    assert "Chain certificate 0 is not signed by chain certificate 1" in str(error)


def test_issuer_path_length_is_respected(
    root: x509.Certificate, sub: x509.Certificate, root_key: EC, sub_key: EC, other_key: EC
) -> None:
    # sub has path length 0, so no CA certificate may sit below it.
    below_sub = issue(other_key, "below sub", issuer_key=sub_key, issuer=sub)
    error = _rejected(below_sub, [sub, root], "SUBORDINATE", other_key)
    assert error.code == "CertificateMismatchException"
    assert "path length of 0" in str(error)


def test_issuer_must_be_a_ca(root_key: EC, sub_key: EC, other_key: EC) -> None:
    not_a_ca = issue(
        root_key,
        "not a ca",
        extensions=[(x509.BasicConstraints(ca=False, path_length=None), True)],
    )
    below = issue(other_key, "below", issuer_key=root_key, issuer=not_a_ca)
    error = _rejected(below, [not_a_ca], "SUBORDINATE", other_key)
    assert error.code == "CertificateMismatchException"
    assert "is not a CA" in str(error)


def test_validity_must_lie_within_the_issuer(
    root_key: EC, root: x509.Certificate, other_key: EC
) -> None:
    for not_before, not_after in [
        (START, END + timedelta(seconds=1)),
        (START - timedelta(seconds=1), END),
    ]:
        outlives = issue(
            other_key,
            "outlives",
            issuer_key=root_key,
            issuer=root,
            not_before=not_before,
            not_after=not_after,
        )
        error = _rejected(outlives, [root], "SUBORDINATE", other_key)
        assert error.code == "CertificateMismatchException"
        assert "is not within its issuer's" in str(error)
    # Equal bounds are within.
    same = issue(other_key, "same", issuer_key=root_key, issuer=root)
    check_ca_certificate(same, [root], ca_type="SUBORDINATE", ca_public_key=other_key.public_key())


def test_basic_constraints_missing(root_key: EC) -> None:
    bare = issue(root_key, "no bc", extensions=[])
    error = _rejected(bare, [], "ROOT", root_key)
    assert error.code == "MalformedCertificateException"
    assert "no basic constraints extension" in str(error)


def test_basic_constraints_not_critical(root_key: EC) -> None:
    loose = issue(
        root_key, "loose bc", extensions=[(x509.BasicConstraints(ca=True, path_length=None), False)]
    )
    error = _rejected(loose, [], "ROOT", root_key)
    assert error.code == "MalformedCertificateException"
    assert "must be marked critical" in str(error)


def test_basic_constraints_not_ca(root_key: EC) -> None:
    leafish = issue(
        root_key, "ca false", extensions=[(x509.BasicConstraints(ca=False, path_length=None), True)]
    )
    error = _rejected(leafish, [], "ROOT", root_key)
    assert error.code == "MalformedCertificateException"
    assert "CA:TRUE" in str(error)


_URI = x509.UniformResourceIdentifier("http://crl.example/ca.crl")
_POINTS = [x509.DistributionPoint([_URI], None, None, None)]


@pytest.mark.parametrize(
    ("extension", "name"),
    [
        (x509.CRLDistributionPoints(_POINTS), "CRL distribution points (2.5.29.31)"),
        (x509.FreshestCRL(_POINTS), "freshest CRL (2.5.29.46)"),
        (
            x509.AuthorityInformationAccess(
                [x509.AccessDescription(AuthorityInformationAccessOID.OCSP, _URI)]
            ),
            "authority information access (1.3.6.1.5.5.7.1.1)",
        ),
        (x509.PolicyConstraints(require_explicit_policy=0, inhibit_policy_mapping=None), "policy"),
        (x509.UnrecognizedExtension(ObjectIdentifier("1.3.6.1.4.1.99999.3"), b"\x05\x00"), "1.3.6"),
    ],
)
def test_forbidden_critical_extensions(
    root_key: EC, extension: x509.ExtensionType, name: str
) -> None:
    certificate = issue(root_key, "critical", extensions=[*root_ca_extensions(), (extension, True)])
    error = _rejected(certificate, [], "ROOT", root_key)
    assert error.code == "MalformedCertificateException"
    assert f"The certificate's {name}" in str(error)
    assert "is marked critical; it must not be" in str(error)
    # The same extension is fine when not critical.
    relaxed = issue(root_key, "relaxed", extensions=[*root_ca_extensions(), (extension, False)])
    check_ca_certificate(relaxed, [], ca_type="ROOT", ca_public_key=root_key.public_key())


def test_allowed_critical_extensions(root_key: EC) -> None:
    extensions: Extensions = [
        *root_ca_extensions(),
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), True),
        (x509.SubjectAlternativeName([x509.DNSName("ca.example")]), True),
        (x509.NameConstraints([x509.DNSName("example")], None), True),
        (
            x509.CertificatePolicies(
                [x509.PolicyInformation(ObjectIdentifier("2.5.29.32.0"), None)]
            ),
            True,
        ),
        (x509.InhibitAnyPolicy(0), True),
    ]
    certificate = issue(root_key, "allowed", extensions=extensions)
    check_ca_certificate(certificate, [], ca_type="ROOT", ca_public_key=root_key.public_key())


def test_unknown_ca_type(root: x509.Certificate, root_key: EC) -> None:
    with pytest.raises(ValueError, match="ROOT or SUBORDINATE"):
        check_ca_certificate(root, [], ca_type="INTERMEDIATE", ca_public_key=root_key.public_key())
