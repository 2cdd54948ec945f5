"""The world as a pickle: what pickle cannot take as it is travels in another form.

- cryptography's private keys as PKCS #8 DER; public keys, certificates, CSRs and CRLs as DER;
- locks as fresh locks; ``itertools.count`` as its next value;
- a scheduled change written as a lambda or a nested function as where its code is (module,
  qualified name, first line) and the cells it closes over, found again in the running code;
- exceptions (``ServiceError`` in the call log) without calling their ``__init__``;
- the event log without its subscriptions (callbacks of the process that made them);
- the world and its clock, and certmock's module-level objects (service definitions, tables),
  by reference: the loading process supplies its own.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import io
import itertools
import pickle
import re
import sys
import threading
import types
from collections.abc import Callable
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from certmock.events import EventLog
from certmock.world import World

_LOCK_TYPES = (type(threading.Lock()), type(threading.RLock()))
_COUNT = re.compile(r"count\((-?\d+)\)")


def dumps(document: Any, world: World) -> bytes:
    """``document`` (holding parts of ``world``) as bytes."""
    buffer = io.BytesIO()
    _WorldPickler(buffer, world).dump(document)
    return buffer.getvalue()


def loads(payload: bytes, world: World) -> Any:
    """The document ``dumps`` wrote, its references to the world and clock now to ``world``'s."""
    return _WorldUnpickler(io.BytesIO(payload), world).load()


# -- what pickle cannot take as it is ------------------------------------------------------
# cryptography's objects, by the name of their kind, and how each comes back from bytes.
_LOADERS: dict[str, Callable[[bytes], Any]] = {
    "certificate": x509.load_der_x509_certificate,
    "csr": x509.load_der_x509_csr,
    "crl": x509.load_der_x509_crl,
    "private key": lambda der: serialization.load_der_private_key(
        der, None, unsafe_skip_rsa_key_validation=True
    ),
    "public key": serialization.load_der_public_key,
    "oid": lambda dotted: x509.ObjectIdentifier(dotted.decode("ascii")),
}


def _cryptography_object(kind: str, data: bytes) -> Any:
    return _LOADERS[kind](data)


def _new(kind: type, *args: Any) -> Any:
    """An instance made without its ``__init__``; its state comes next."""
    return kind.__new__(kind, *args)


def _new_lock(reentrant: bool) -> Any:
    return threading.RLock() if reentrant else threading.Lock()


def _new_cell() -> types.CellType:
    return types.CellType()


def _fill_cell(cell: types.CellType, state: tuple[Any, ...]) -> types.CellType:
    (cell.cell_contents,) = state
    return cell


def _function(
    module: str,
    qualname: str,
    first_line: int,
    cells: tuple[types.CellType, ...] | None,
    defaults: tuple[Any, ...] | None,
    keyword_defaults: dict[str, Any] | None,
) -> types.FunctionType:
    code = _code_of(module, qualname, first_line)
    namespace = vars(importlib.import_module(module))
    rebuilt = types.FunctionType(code, namespace, code.co_name, defaults, cells)
    rebuilt.__qualname__ = qualname
    rebuilt.__kwdefaults__ = keyword_defaults
    return rebuilt


def _code_of(module: str, qualname: str, first_line: int) -> types.CodeType:
    code = _code_index(module).get((qualname, first_line))
    if code is None:
        raise LookupError(
            f"{module}.{qualname} (line {first_line}) is not in the code installed here; the "
            "state was saved by different code"
        )
    return code


_CODE_INDEXES: dict[str, dict[tuple[str, int], types.CodeType]] = {}


def _code_index(module_name: str) -> dict[tuple[str, int], types.CodeType]:
    """Every function body in a module (nested, in class bodies, lambdas in tables), by
    qualified name and first line, from the module's compiled code."""
    index = _CODE_INDEXES.get(module_name)
    if index is None:
        index = {}
        module_code = _module_code(module_name)
        if module_code is not None:
            _index_code(module_code, "", index)
        _CODE_INDEXES[module_name] = index
    return index


def _module_code(module_name: str) -> types.CodeType | None:
    spec = importlib.util.find_spec(module_name)
    if spec is None:
        return None
    if spec.origin is not None and spec.origin.endswith(".py"):
        # Compiled here rather than asked of the loader: pytest's assertion rewriter, which
        # loads certmock as a plugin, has no get_code.
        with open(spec.origin, "rb") as source:
            compiled: types.CodeType = compile(
                source.read(), spec.origin, "exec", dont_inherit=True
            )
            return compiled
    get_code = getattr(spec.loader, "get_code", None)
    return None if get_code is None else get_code(module_name)  # a sourceless install


def _index_code(
    code: types.CodeType, prefix: str, index: dict[tuple[str, int], types.CodeType]
) -> None:
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            # co_qualname is 3.11's; before it, a class body is the code that is not optimised.
            qualname = getattr(constant, "co_qualname", prefix + constant.co_name)
            index[(qualname, constant.co_firstlineno)] = constant
            nested = ".<locals>." if constant.co_flags & inspect.CO_OPTIMIZED else "."
            _index_code(constant, qualname + nested, index)


def _importable(function: types.FunctionType) -> bool:
    """Whether pickle can name the function: found again under its module and qualified name."""
    if "<locals>" in function.__qualname__ or function.__name__ == "<lambda>":
        return False
    try:
        found: Any = importlib.import_module(function.__module__)
        for part in function.__qualname__.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError):
        return False
    return found is function


# Saved by value even when a module holds them: their identity does not matter.
_PLAIN = (str, bytes, int, float, bool, type(None), type, types.FunctionType, types.ModuleType)
Reference = tuple[str, ...] | tuple[str, str, str, int]


def _constants() -> dict[int, Reference]:
    """certmock's module-level objects (service definitions, tables, curves), by identity: the
    world points at them and is saved pointing at them by name, not with copies of them. The
    members of a module-level tuple count (the registry's ``SERVICES``)."""
    found: dict[int, Reference] = {}
    for module_name, module in list(sys.modules.items()):
        if module is None or not (module_name == "certmock" or module_name.startswith("certmock.")):
            continue
        for name, value in list(vars(module).items()):
            if isinstance(value, _PLAIN):
                continue
            found.setdefault(id(value), ("constant", module_name, name))
            if type(value) is tuple:
                for position, member in enumerate(value):
                    if not isinstance(member, _PLAIN):
                        found.setdefault(id(member), ("member", module_name, name, position))
    return found


def _constant(reference: Reference) -> Any:
    module = importlib.import_module(reference[1])
    value = getattr(module, reference[2])
    return value[reference[3]] if reference[0] == "member" else value


class _WorldPickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, world: World) -> None:
        super().__init__(file, protocol=5)
        self._world = world
        self._constants = _constants()

    def persistent_id(self, obj: Any) -> Reference | None:
        # The world and its clock are the running process's: restored in place, so that the
        # mock, the runtime and botocore's patched sleeps keep holding the same objects.
        if obj is self._world:
            return ("world",)
        if obj is self._world.clock:
            return ("clock",)
        return self._constants.get(id(obj))

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if isinstance(obj, types.FunctionType):
            if _importable(obj):
                return NotImplemented
            code = obj.__code__
            # The code's own name: functools.wraps gives a wrapper its wrapped's __qualname__.
            qualname = getattr(code, "co_qualname", obj.__qualname__)
            _code_of(obj.__module__, qualname, code.co_firstlineno)  # or fail now, not at restore
            cells = obj.__closure__
            arguments = (obj.__module__, qualname, code.co_firstlineno, cells)
            return (_function, (*arguments, obj.__defaults__, obj.__kwdefaults__))
        if kind is types.CellType:
            try:
                contents = (obj.cell_contents,)
            except ValueError:  # a name not bound yet
                return (_new_cell, ())
            return (_new_cell, (), contents, None, None, _fill_cell)
        if kind in _LOCK_TYPES:
            return (_new_lock, (kind is _LOCK_TYPES[1],))
        if kind is itertools.count:
            # Pickling itertools objects is deprecated (gone in 3.14); its repr is its state.
            matched = _COUNT.fullmatch(repr(obj))
            if matched is None:
                raise pickle.PicklingError(f"cannot save the counter {obj!r}")
            return (itertools.count, (int(matched[1]),))
        if isinstance(obj, BaseException):
            # Without calling its __init__, whose parameters need not match its args
            # (ServiceError in the call log); its traceback is not kept.
            return (_new, (kind, *obj.args), vars(obj) or None)
        if isinstance(obj, EventLog):
            # Handlers are this process's callbacks: dropped.
            state = {**vars(obj), "subscriptions": []}
            return (_new, (kind,), state, iter(list(obj)))
        return _reduce_cryptography(obj)


def _reduce_cryptography(obj: Any) -> Any:
    if not type(obj).__module__.startswith("cryptography."):
        return NotImplemented
    der = serialization.Encoding.DER
    if isinstance(obj, x509.Certificate):
        kind, data = "certificate", obj.public_bytes(der)
    elif isinstance(obj, x509.CertificateSigningRequest):
        kind, data = "csr", obj.public_bytes(der)
    elif isinstance(obj, x509.CertificateRevocationList):
        kind, data = "crl", obj.public_bytes(der)
    elif isinstance(obj, x509.ObjectIdentifier):
        kind, data = "oid", obj.dotted_string.encode("ascii")
    elif hasattr(obj, "private_bytes"):
        kind = "private key"
        data = obj.private_bytes(
            der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    elif hasattr(obj, "public_bytes") and hasattr(obj, "verify"):
        kind = "public key"
        data = obj.public_bytes(der, serialization.PublicFormat.SubjectPublicKeyInfo)
    else:
        return NotImplemented
    return (_cryptography_object, (kind, data))


class _WorldUnpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, world: World) -> None:
        super().__init__(file)
        self._world = world

    def persistent_load(self, pid: Any) -> Any:
        if pid == ("world",):
            return self._world
        if pid == ("clock",):
            return self._world.clock
        if isinstance(pid, tuple) and pid[0] in ("constant", "member"):
            return _constant(pid)
        raise pickle.UnpicklingError(f"unknown persistent reference {pid!r}")
