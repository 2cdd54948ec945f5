"""Where the world's private keys come from: fast, never the same key twice in one world, and
reproducible with a seed.

- EC keys are derived from a secret drawn from the world's random stream (microseconds); so
  are ML-DSA keys, from a 32-byte seed (FIPS 204 key generation is deterministic).
- RSA keys are drawn from a pool of test keys shipped with certmock (``data/rsa_<bits>.pem``,
  made by ``tools/generate_key_pool.py``), in an order shuffled by that stream; parsing one is a
  millisecond where generating one costs 30-250 ms. When a world has used up a pool, further
  keys of that size are generated afresh (random even with a seed: OpenSSL cannot be seeded).
"""

from __future__ import annotations

import functools
import random
import re
from importlib import resources

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from certmock.pki.keys import (
    EC_CURVES,
    RSA_SIZES,
    PrivateKey,
    generate_private_key,
    ml_dsa_from_seed,
)

_PEM_BLOCK = re.compile(rb"-----BEGIN PRIVATE KEY-----.+?-----END PRIVATE KEY-----\s*", re.S)


@functools.cache
def _pool(bits: int) -> tuple[bytes, ...]:
    data = resources.files("certmock.pki").joinpath("data").joinpath(f"rsa_{bits}.pem").read_bytes()
    return tuple(_PEM_BLOCK.findall(data))


def pool_size(key_algorithm: str) -> int:
    """How many keys of ``key_algorithm`` a world gets without generating any (EC: unlimited,
    reported as 0)."""
    bits = RSA_SIZES.get(key_algorithm)
    return 0 if bits is None else len(_pool(bits))


class KeySource:
    def __init__(self, seed: int | None = None) -> None:
        self._random = random.Random(None if seed is None else f"certmock:{seed}:keys")
        self._orders: dict[int, list[int]] = {}

    def private_key(self, key_algorithm: str) -> PrivateKey:
        """A key no other caller of this source has had (``UnsupportedAlgorithm`` for names
        certmock cannot make, as ``keys.generate_private_key``)."""
        curve = EC_CURVES.get(key_algorithm)
        if curve is not None:
            # Below 2**(size-1), so always below the curve order; never zero.
            secret = self._random.getrandbits(curve.key_size - 1) | 1
            return ec.derive_private_key(secret, curve)
        if key_algorithm.startswith("ML_DSA_"):
            return ml_dsa_from_seed(key_algorithm, self._random.randbytes(32))
        bits = RSA_SIZES.get(key_algorithm)
        if bits is None:
            return generate_private_key(key_algorithm)
        order = self._orders.get(bits)
        if order is None:
            order = list(range(len(_pool(bits))))
            self._random.shuffle(order)
            self._orders[bits] = order
        if not order:
            return generate_private_key(key_algorithm)
        loaded = serialization.load_pem_private_key(
            _pool(bits)[order.pop()], password=None, unsafe_skip_rsa_key_validation=True
        )
        assert isinstance(loaded, rsa.RSAPrivateKey)  # the pool holds RSA keys only
        return loaded
