"""Regenerate the RSA test keys certmock ships (certmock/pki/data/rsa_<bits>.pem).

    python tools/generate_key_pool.py

RSA key generation costs 30 ms (2048 bits) to over 200 ms (4096 bits); a CA in a test should
cost far less, so certmock draws CA keys from this pool. The keys are published with certmock:
they are test keys, worthless for anything real, as every key of a test double is.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

POOL_SIZES = {2048: 64, 3072: 32, 4096: 64}
DATA = Path(__file__).resolve().parent.parent / "certmock" / "pki" / "data"


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    for bits, count in POOL_SIZES.items():
        blocks = [
            rsa.generate_private_key(public_exponent=65537, key_size=bits).private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            for _ in range(count)
        ]
        (DATA / f"rsa_{bits}.pem").write_bytes(b"".join(blocks))
        print(f"rsa_{bits}.pem: {count} keys")


if __name__ == "__main__":
    main()
