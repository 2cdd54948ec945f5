"""Pure X.509 building blocks for the ACM Private CA emulation.

These modules take plain Python values (ACM-PCA shape dictionaries, datetimes, keys) and know
nothing about wire formats, services or the virtual clock:

* ``keys``  - key generation and ACM-PCA key/signing algorithm names,
* ``names`` - ``ASN1Subject`` / ``GeneralName`` dictionaries to and from X.509 names,
* ``csr``   - building CA CSRs and loading CSRs sent to IssueCertificate,
* ``certs`` - serials, signing, PEM loading and the import checks for CA certificates,
* ``datetimes`` - datetimes handed to cryptography, whichever time library is active or ran
  first (importing it, as ``keys``, ``certs`` and ``crl`` do, settles cryptography's cache).
"""
