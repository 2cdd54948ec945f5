"""Certificate signature checks: does a parent's key verify a child's signature, and is a
certificate self-signed."""

from __future__ import annotations

from typing import Any, cast

from cryptography import exceptions, x509
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from certmock.pki.keys import ml_dsa_name_of


def verifies(child: x509.Certificate, parent: x509.Certificate) -> bool:
    """Whether ``child``'s signature verifies with ``parent``'s public key (names are not
    compared). Covers RSA PKCS#1 v1.5 and PSS and ECDSA, with the child's digest, and ML-DSA."""
    key = parent.public_key()
    if ml_dsa_name_of(key) is not None:
        try:
            cast(Any, key).verify(child.signature, child.tbs_certificate_bytes)
        except exceptions.InvalidSignature:
            return False
        return True
    try:
        digest = child.signature_hash_algorithm
        parameters = child.signature_algorithm_parameters
    except exceptions.UnsupportedAlgorithm:
        return False
    if digest is None:
        return False
    try:
        if isinstance(key, rsa.RSAPublicKey) and isinstance(
            parameters, padding.PKCS1v15 | padding.PSS
        ):
            key.verify(child.signature, child.tbs_certificate_bytes, parameters, digest)
        elif isinstance(key, ec.EllipticCurvePublicKey) and isinstance(parameters, ec.ECDSA):
            key.verify(child.signature, child.tbs_certificate_bytes, parameters)
        else:
            return False  # the key family differs from the signature's
    except exceptions.InvalidSignature:
        return False
    return True


def is_self_signed(certificate: x509.Certificate) -> bool:
    """Issuer equals subject and the signature verifies with the certificate's own key."""
    return certificate.issuer == certificate.subject and verifies(certificate, certificate)
