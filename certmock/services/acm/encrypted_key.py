"""ExportCertificate's private key: PKCS#8 encrypted with the caller's passphrase, with the
parameters AWS's own sample export decodes to (fact sheet 6.6): PBES2, PBKDF2 with its default
PRF HMAC-SHA1, a 20-byte salt, 2048 iterations, AES-256-CBC.

cryptography's ``BestAvailableEncryption`` would pick HMAC-SHA256 and a 16-byte salt, so the
EncryptedPrivateKeyInfo is assembled here (RFC 5958, RFC 8018); any PKCS#8 reader (OpenSSL,
cryptography's ``load_pem_private_key`` with the password) decrypts it.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from certmock.errors import ServiceError
from certmock.pki.keys import PrivateKey

ITERATIONS = 2048
SALT_BYTES = 20
_FORBIDDEN = "#$%"

# Object identifiers, DER-encoded content octets.
_PBES2 = bytes.fromhex("2a864886f70d01050d")  # 1.2.840.113549.1.5.13
_PBKDF2 = bytes.fromhex("2a864886f70d01050c")  # 1.2.840.113549.1.5.12
_AES_256_CBC = bytes.fromhex("60864801650304012a")  # 2.16.840.1.101.3.4.1.42


def check_passphrase(passphrase: bytes) -> None:
    """Any ASCII character but #, $ and % (ExportCertificate documentation); the length
    (4-128 bytes) is the model's and checked before. Wording is certmock's."""
    try:
        text = passphrase.decode("ascii")
    except UnicodeDecodeError:
        raise ServiceError(
            "ValidationException", "The passphrase must consist of ASCII characters only."
        ) from None
    bad = sorted({char for char in text if char in _FORBIDDEN})
    if bad:
        raise ServiceError(
            "ValidationException",
            f"The passphrase cannot contain the characters {', '.join(bad)} (#, $ and % are "
            "not allowed).",
        )


def _tlv(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        length = bytes([size])
    else:
        octets = size.to_bytes((size.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(octets)]) + octets
    return bytes([tag]) + length + content


def _sequence(*parts: bytes) -> bytes:
    return _tlv(0x30, b"".join(parts))


def _integer(value: int) -> bytes:
    return _tlv(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))


def encrypted_private_key(
    key: PrivateKey, passphrase: bytes, random_bytes: Callable[[int], bytes]
) -> str:
    """``-----BEGIN ENCRYPTED PRIVATE KEY-----`` PEM of ``key`` under ``passphrase``."""
    plain = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    salt = random_bytes(SALT_BYTES)
    iv = random_bytes(16)
    secret = PBKDF2HMAC(hashes.SHA1(), 32, salt, ITERATIONS).derive(passphrase)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    encryptor = Cipher(algorithms.AES(secret), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(padded) + encryptor.finalize()
    kdf = _sequence(_tlv(0x06, _PBKDF2), _sequence(_tlv(0x04, salt), _integer(ITERATIONS)))
    scheme = _sequence(_tlv(0x06, _AES_256_CBC), _tlv(0x04, iv))
    algorithm = _sequence(_tlv(0x06, _PBES2), _sequence(kdf, scheme))
    der = _sequence(algorithm, _tlv(0x04, ciphertext))
    body = base64.b64encode(der).decode("ascii")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return (
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
        + "\n".join(lines)
        + "\n-----END ENCRYPTED PRIVATE KEY-----\n"
    )
