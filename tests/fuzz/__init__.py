"""Model-driven fuzzing of certmock with hypothesis.

Requests are generated from botocore's own shapes (``shapes.py``), in four modes:

- ``well_typed``: every value of the right type and within the model's constraints (enums,
  lengths, ranges, patterns), sent through a validating client;
- ``boundary``: values at and just past the limits (lengths min-1..max+1, range edges, empty
  strings and lists, astral and other awkward unicode, extreme timestamps);
- ``rule_breaking``: the right types with constraints broken (unknown enum values, lengths and
  ranges outside the limits, pattern misses, required members left out, damaged real PEMs);
- ``ill_typed``: wrong types anywhere, unknown members, deep nesting.

The last three go through a client with ``parameter_validation=False``. Members that name
resources (``*Arn``, ids, serials, tokens, CSRs...) are often real (``pool.py``): each test
builds an episode (``episode.py``) with active ROOT and SUBORDINATE CAs (RSA and EC), issued
and imported certificates and API Gateway client certificates, and moves the virtual clock
between calls. The world is built once per test and shared by its examples, so later examples
meet what earlier ones stored (a failure may then not replay exactly when shrunk).

The tests:

- ``test_operations``: every served operation of every service, in every mode;
- ``test_raw_bodies``: beneath botocore, the serialized bytes (and rest-json paths) of valid
  requests mutated (``raw.py``), drawn and from a fixed catalogue of every kind;
- ``test_episodes``: long random sequences over every service on one world;
- ``test_strategies``: the suite's own tools (well-typed really is, the checker, the guard).

The oracle (``oracle.py``): every request ends in a success whose parsed output conforms to the
operation's output shape (``conformance.py``; constraint breaches are reported apart from type
errors and may be declared AWS-true in ``deviations.py``), or in a ``ClientError`` whose code
the operation models, its protocol's front end may return, or is the service's validation
code, with an HTTP status below 500. Never another exception (one raised by botocore before
the request is sent is botocore's, not certmock's: ``oracle.Sent`` marks what reached
certmock), never a connection attempt (``socket.socket.connect`` is patched to refuse and
record), and the reads run around each fuzzed write (``health.py``) keep the same promise and
show no constraint breach they did not show before it.

Profiles (``conftest.py``): ``CERTMOCK_FUZZ_PROFILE=ci`` (default: derandomized, small, no
shrinking, no example database) or ``long`` (400 random examples a test, shrinking).
``CERTMOCK_FUZZ_LOG=file`` appends every finding to a JSON-lines file.
"""
