"""What CreateCertificateAuthority checks of a CA's configuration before making it: refusals at
creation of what could never become the CA's key, CSR or certificate."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from certmock.errors import ServiceError
from certmock.pki.csr import key_usage, subject_information_access
from certmock.pki.keys import (
    UnsupportedAlgorithm,
    generate_private_key,
    signing_mismatch,
    supported_key_algorithms,
)
from certmock.pki.names import x509_name

# The only KeyStorageSecurityStandard of the China regions.
CHINA_STANDARD = "CCPC_LEVEL_1_OR_HIGHER"


def check_signing_algorithm(key_algorithm: str, signing_algorithm: str) -> None:
    mismatch = signing_mismatch(key_algorithm, signing_algorithm)
    if mismatch is not None:
        raise ServiceError("InvalidArgsException", mismatch)


def check_configuration(configuration: Mapping[str, Any]) -> None:
    """The key and signing algorithms, the subject and the CSR extensions (a subject mixing
    CustomAttributes with standard ones, key usages X.509 forbids together, ...)."""
    check_signing_algorithm(configuration["KeyAlgorithm"], configuration["SigningAlgorithm"])
    extensions = configuration.get("CsrExtensions") or {}
    try:
        x509_name(configuration["Subject"])
        if extensions.get("KeyUsage") is not None:
            key_usage(extensions["KeyUsage"])
        if extensions.get("SubjectInformationAccess"):
            subject_information_access(extensions["SubjectInformationAccess"])
    except ValueError as invalid:
        raise ServiceError("InvalidArgsException", str(invalid)) from None
    if configuration["KeyAlgorithm"] not in supported_key_algorithms():
        try:
            generate_private_key(configuration["KeyAlgorithm"])
        except UnsupportedAlgorithm as unsupported:
            raise ServiceError("InvalidArgsException", str(unsupported)) from None


def check_security_standard(partition: str, region: str, standard: str) -> None:
    if partition == "aws-cn" and standard != CHINA_STANDARD:
        # China regions take only CCPC_LEVEL_1_OR_HIGHER, not even the default (AWS's China
        # guide; the text is the API reference's).
        raise ServiceError(
            "InvalidArgsException",
            "A certificate authority cannot be created in this region with the specified "
            f"security standard. {region} accepts KeyStorageSecurityStandard "
            f"{CHINA_STANDARD} only.",
        )
