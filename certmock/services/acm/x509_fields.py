"""What ACM reports about a certificate, read from the X.509 itself.

DescribeCertificate, ListCertificates and SearchCertificates never store these values: they are
computed from the certificate, so an imported, issued or renewed certificate always reports
what it really contains (fact sheet 6.5).
"""

from __future__ import annotations

from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from certmock.pki.keys import EC_CURVES, RSA_SIZES
from certmock.pki.names import in_certificate_order, rfc2253

# ACM's KeyAlgorithm enum names by key size or curve (ImportCertificate accepts these): ACM
# Private CA's, and RSA_1024, which ACM takes for imports only.
_RSA_NAMES = {1024: "RSA_1024", **{bits: name for name, bits in RSA_SIZES.items()}}
_EC_NAMES = {curve.name: name for name, curve in EC_CURVES.items()}

_KEY_USAGES = (
    ("digital_signature", "DIGITAL_SIGNATURE"),
    ("content_commitment", "NON_REPUDIATION"),
    ("key_encipherment", "KEY_ENCIPHERMENT"),
    ("data_encipherment", "DATA_ENCIPHERMENT"),
    ("key_agreement", "KEY_AGREEMENT"),
    ("key_cert_sign", "CERTIFICATE_SIGNING"),
    ("crl_sign", "CRL_SIGNING"),
)
_EXTENDED_KEY_USAGES: dict[ObjectIdentifier, str] = {
    ExtendedKeyUsageOID.SERVER_AUTH: "TLS_WEB_SERVER_AUTHENTICATION",
    ExtendedKeyUsageOID.CLIENT_AUTH: "TLS_WEB_CLIENT_AUTHENTICATION",
    ExtendedKeyUsageOID.CODE_SIGNING: "CODE_SIGNING",
    ExtendedKeyUsageOID.EMAIL_PROTECTION: "EMAIL_PROTECTION",
    ExtendedKeyUsageOID.TIME_STAMPING: "TIME_STAMPING",
    ExtendedKeyUsageOID.OCSP_SIGNING: "OCSP_SIGNING",
    ObjectIdentifier("1.3.6.1.5.5.7.3.5"): "IPSEC_END_SYSTEM",
    ObjectIdentifier("1.3.6.1.5.5.7.3.6"): "IPSEC_TUNNEL",
    ObjectIdentifier("1.3.6.1.5.5.7.3.7"): "IPSEC_USER",
    ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE: "ANY",
}

# DistinguishedName members (SearchCertificates) by attribute type.
_DISTINGUISHED_NAME_MEMBERS: dict[ObjectIdentifier, str] = {
    NameOID.COMMON_NAME: "CommonName",
    NameOID.COUNTRY_NAME: "Country",
    NameOID.DN_QUALIFIER: "DistinguishedNameQualifier",
    NameOID.GENERATION_QUALIFIER: "GenerationQualifier",
    NameOID.GIVEN_NAME: "GivenName",
    NameOID.INITIALS: "Initials",
    NameOID.LOCALITY_NAME: "Locality",
    NameOID.ORGANIZATION_NAME: "Organization",
    NameOID.ORGANIZATIONAL_UNIT_NAME: "OrganizationalUnit",
    NameOID.PSEUDONYM: "Pseudonym",
    NameOID.SERIAL_NUMBER: "SerialNumber",
    NameOID.STATE_OR_PROVINCE_NAME: "State",
    NameOID.SURNAME: "Surname",
    NameOID.TITLE: "Title",
}


class UnsupportedKey(ValueError):
    """A key ACM does not take (ImportCertificate refuses it)."""

    def __init__(self, message: str, *, rsa_bits: int | None = None) -> None:
        super().__init__(message)
        self.rsa_bits = rsa_bits


def key_algorithm(public_key: PublicKeyTypes) -> str:
    """The ACM ``KeyAlgorithm`` enum name (``RSA_2048``, ``EC_prime256v1``) of a key."""
    if isinstance(public_key, rsa.RSAPublicKey):
        name = _RSA_NAMES.get(public_key.key_size)
        if name is None:
            raise UnsupportedKey(
                f"RSA keys of {public_key.key_size} bits", rsa_bits=public_key.key_size
            )
        return name
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        curve = _EC_NAMES.get(public_key.curve.name)
        if curve is None:
            raise UnsupportedKey(f"the EC curve {public_key.curve.name}")
        return curve
    raise UnsupportedKey(f"{type(public_key).__name__} keys")


def hyphenated(key_algorithm_name: str) -> str:
    """How DescribeCertificate and ListCertificates spell a key algorithm: ``RSA-2048``,
    ``EC-prime256v1`` - not the model's enum spelling (fact sheet 6.5, real CLI output)."""
    return key_algorithm_name.replace("_", "-", 1)


def signature_algorithm(certificate: x509.Certificate) -> str:
    """``SHA256WITHRSA``, ``SHA384WITHECDSA``, ... as ACM names the issuer's signature."""
    digest = certificate.signature_hash_algorithm
    oid_name = certificate.signature_algorithm_oid._name.upper()
    if digest is None:
        return oid_name
    family = "ECDSA" if "ECDSA" in oid_name else "RSA"
    if "PSS" in oid_name:
        family = "RSASSA-PSS"
    return f"{digest.name.upper().replace('-', '')}WITH{family}"


def _extension(certificate: x509.Certificate, kind: type[Any]) -> Any:
    try:
        return certificate.extensions.get_extension_for_class(kind).value
    except x509.ExtensionNotFound:
        return None


def common_name(name: x509.Name) -> str | None:
    for attribute in name.get_attributes_for_oid(NameOID.COMMON_NAME):
        value = attribute.value
        return value if isinstance(value, str) else value.decode()
    return None


def dns_names(certificate: x509.Certificate) -> list[str]:
    """The DNS names of the subjectAltName extension, in order."""
    san = _extension(certificate, x509.SubjectAlternativeName)
    return [] if san is None else list(san.get_values_for_type(x509.DNSName))


def subject_alternative_names(certificate: x509.Certificate) -> list[str]:
    """What ACM lists as SubjectAlternativeNames: the DNS names and IP addresses of the
    subjectAltName extension; a certificate without any lists its common name (inferred)."""
    san = _extension(certificate, x509.SubjectAlternativeName)
    names: list[str] = []
    if san is not None:
        names += san.get_values_for_type(x509.DNSName)
        names += [str(address) for address in san.get_values_for_type(x509.IPAddress)]
    if not names:
        cn = common_name(certificate.subject)
        names = [cn] if cn else []
    return names


def domain_name(certificate: x509.Certificate) -> str | None:
    """ACM's DomainName of an imported certificate: its common name, else its first SAN."""
    cn = common_name(certificate.subject)
    if cn:
        return cn
    names = subject_alternative_names(certificate)
    return names[0] if names else None


def key_usages(certificate: x509.Certificate) -> list[str]:
    usage = _extension(certificate, x509.KeyUsage)
    if usage is None:
        return []
    names = [name for attribute, name in _KEY_USAGES if getattr(usage, attribute)]
    if usage.key_agreement:
        # encipher_only/decipher_only are defined only together with keyAgreement.
        if usage.encipher_only:
            names.append("ENCIPHER_ONLY")
        if usage.decipher_only:
            names.append("DECIPHER_ONLY")
    return names


def extended_key_usages(certificate: x509.Certificate) -> list[dict[str, str]]:
    """``[{"Name": ..., "OID": ...}]``; an OID without an ACM name is ``CUSTOM``."""
    usage = _extension(certificate, x509.ExtendedKeyUsage)
    if usage is None:
        return []
    return [
        {"Name": _EXTENDED_KEY_USAGES.get(oid, "CUSTOM"), "OID": oid.dotted_string} for oid in usage
    ]


def extended_key_usage_names(certificate: x509.Certificate) -> list[str]:
    return [usage["Name"] for usage in extended_key_usages(certificate)]


def subject(certificate: x509.Certificate) -> str:
    """The subject as DescribeCertificate shows it (``C=AU,ST=Some-State,...,CN=localhost``):
    the certificate's own RDN order, not RFC 2253's reversed one (responses recorded against
    AWS, fact sheet 11.5)."""
    return in_certificate_order(certificate.subject)


def issuer(certificate: x509.Certificate) -> str:
    """The Issuer of an imported or private certificate: the issuer's organization, else its
    common name, else the whole name (AWS's rule is not documented; fact sheet 10.9)."""
    name = certificate.issuer
    for oid in (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME):
        for attribute in name.get_attributes_for_oid(oid):
            value = attribute.value
            return value if isinstance(value, str) else value.decode()
    return rfc2253(name)


def serial(certificate: x509.Certificate) -> str:
    """``0f:ac:b0:...``: lowercase colon-separated bytes (AWS CLI example)."""
    number = certificate.serial_number
    if number <= 0:
        return "00"
    # Unlike certs.serial_colon_hex, no padding to 16 bytes: certificates ACM and ACM PCA make
    # carry 16-byte serials anyway, and shorter imported ones keep their own length.
    digits = f"{number:x}"
    if len(digits) % 2:
        digits = "0" + digits
    return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def distinguished_name(name: x509.Name) -> dict[str, Any]:
    """A ``DistinguishedName`` structure (SearchCertificates); attributes without a member go
    to CustomAttributes, domain components to DomainComponents."""
    described: dict[str, Any] = {}
    custom: list[dict[str, str]] = []
    components: list[str] = []
    for attribute in name:
        value = attribute.value if isinstance(attribute.value, str) else attribute.value.hex()
        if attribute.oid == NameOID.DOMAIN_COMPONENT:
            components.append(value)
            continue
        member = _DISTINGUISHED_NAME_MEMBERS.get(attribute.oid)
        if member is None or member in described:
            custom.append({"ObjectIdentifier": attribute.oid.dotted_string, "Value": value})
        else:
            described[member] = value
    if components:
        described["DomainComponents"] = components
    if custom:
        described["CustomAttributes"] = custom
    return described


def general_names(certificate: x509.Certificate) -> list[dict[str, Any]]:
    """The subjectAltName as ``GeneralName`` structures (SearchCertificates)."""
    san = _extension(certificate, x509.SubjectAlternativeName)
    described: list[dict[str, Any]] = []
    for entry in san or []:
        if isinstance(entry, x509.DNSName):
            described.append({"DnsName": entry.value})
        elif isinstance(entry, x509.IPAddress):
            described.append({"IpAddress": str(entry.value)})
        elif isinstance(entry, x509.RFC822Name):
            described.append({"Rfc822Name": entry.value})
        elif isinstance(entry, x509.UniformResourceIdentifier):
            described.append({"UniformResourceIdentifier": entry.value})
        elif isinstance(entry, x509.RegisteredID):
            described.append({"RegisteredId": entry.value.dotted_string})
        elif isinstance(entry, x509.DirectoryName):
            described.append({"DirectoryName": distinguished_name(entry.value)})
        elif isinstance(entry, x509.OtherName):
            described.append(
                {
                    "OtherName": {
                        "ObjectIdentifier": entry.type_id.dotted_string,
                        "Value": entry.value.hex(),
                    }
                }
            )
    return described


def validity_in_days(certificate: x509.Certificate) -> int:
    """Whole days between NotBefore and NotAfter (the events' ValidityInDays; rounding is not
    documented: certmock counts a started day as a day)."""
    seconds = (certificate.not_valid_after_utc - certificate.not_valid_before_utc).total_seconds()
    return int(-(-seconds // 86400))
