"""``mock_acmpca`` and friends: one object that is a decorator, a context manager and a handle."""

from __future__ import annotations

import datetime as _dt
import functools
import inspect
import re
import unittest
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any, TypeVar, overload

from certmock import environment, moto_coexistence
from certmock.clock import Clock
from certmock.events import EventLog, Subscription
from certmock.objects import ObjectStore
from certmock.organization_handle import OrganizationHandle
from certmock.process_time import ProcessTime
from certmock.runtime import RUNTIME, Activation
from certmock.services.registry import KNOWN_SERVICES, SERVICES
from certmock.world import DEFAULT_ACCOUNT_ID, Call, World

_T = TypeVar("_T", bound=Callable[..., Any])

# What a test can do to a service that no API call does: ``cm.acm`` and the like.
_CONTROLS = {
    service.controls_name: service.controls
    for service in SERVICES
    if service.controls_name is not None and service.controls is not None
}


class Mock:
    """A set of emulated services, started and stopped as one.

    Use it as ``@decorator`` (functions, async functions, classes), ``with ... as cm:``, or
    ``cm.start()`` / ``cm.stop()``. While started, ``cm`` is the handle: ``cm.clock``,
    ``cm.events``, ``cm.calls``, ``cm.reset()``.
    """

    def __init__(
        self,
        name: str,
        services: Iterable[str],
        *,
        now: _dt.datetime | str | None = None,
        account_id: str = DEFAULT_ACCOUNT_ID,
        seed: int | None = None,
        realistic: bool = False,
        moto_eventbridge: bool = False,
        process_time: bool = False,
    ) -> None:
        if not re.fullmatch(r"\d{12}", account_id):
            raise ValueError(f"account_id must be 12 digits, got {account_id!r}")
        self.name = name
        self.services = frozenset(services)
        self.now = now
        self.account_id = account_id
        self.seed = seed
        self.realistic = realistic
        self.moto_eventbridge = moto_eventbridge
        """Also put every event on moto's EventBridge default bus while moto is active."""
        self.process_time = process_time
        """Move the process's own time (``datetime.now()``, ``time.time()``) with the clock,
        through time-machine, while this mock runs."""
        self._process_time: ProcessTime | None = None
        self._moto_bus: Subscription | None = None
        self._activation: Activation | None = None
        self._world: World | None = None

    def __repr__(self) -> str:
        state = "started" if self._activation else "stopped"
        return f"<{self.name} {state} services={sorted(self.services)}>"

    # -- the handle -----------------------------------------------------------------------
    @property
    def world(self) -> World:
        if self._world is None:
            raise RuntimeError(
                f"{self.name} has not been started: use it as a decorator, "
                "in a with statement, or call start() first"
            )
        return self._world

    @property
    def clock(self) -> Clock:
        """The virtual clock every emulated service reads."""
        return self.world.clock

    @property
    def events(self) -> EventLog:
        """EventBridge events emitted so far, oldest first (brought up to the clock's now), a
        list; ``cm.events.subscribe(handler, source=..., detail_type=...)`` calls ``handler``
        with each new matching event as the clock moves past it (docs/events.md)."""
        world = self.world
        if self._activation is not None:
            world.settle()
        return world.events

    @property
    def objects(self) -> ObjectStore:
        """What the services wrote to S3 buckets (CRLs, audit reports):
        ``cm.objects.get(bucket, key) -> bytes``, ``cm.objects.keys(bucket)``."""
        world = self.world
        if self._activation is not None:
            world.settle()
        return world.objects

    @property
    def organization(self) -> OrganizationHandle:
        """The AWS Organizations organisation the accounts are in, as the test sets it up:
        ``cm.organization.create(management_account=..., member_accounts=[...])``, then
        ``add_account``, ``register_delegated_administrator``, ``enable_trusted_access``."""
        return OrganizationHandle(self.world, self.account_id)

    def __getattr__(self, name: str) -> Any:
        """A service's controls: what a test can do to it that no AWS API call does.
        ``cm.acm.validate(arn)`` (domain validation succeeds), ``cm.acm.use(arn,
        resource_arn)`` and ``release(...)`` (an AWS service starts or stops using the
        certificate), and, playing an ACME client, ``cm.acm.register_acme_account``,
        ``deactivate_acme_account`` and ``fail_acme_domain_validation``."""
        controls = _CONTROLS.get(name)
        if controls is None or name.startswith("_"):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return controls(self.world)

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *_CONTROLS})

    @property
    def calls(self) -> list[Call]:
        """Every call served so far, in order: service, operation, parameters, result/error."""
        return self.world.calls

    def reset(self) -> None:
        """Forget every resource, event and call; the clock starts again as configured."""
        world = self.world
        world.reset(RUNTIME.world.ids.seed)
        if self.now is not None:
            world.clock.freeze(self.now)

    # -- starting and stopping ------------------------------------------------------------
    def start(self) -> Mock:
        with RUNTIME.lock:
            if self._activation is not None:
                raise RuntimeError(f"{self.name} is already started")
            outermost = not RUNTIME.active
            if outermost:
                RUNTIME.world = World()
                RUNTIME.world.reset(self.seed)
                RUNTIME.world.realistic = self.realistic
                environment.enter(RUNTIME.world.clock)
            elif self.seed is not None and self.seed != RUNTIME.world.ids.seed:
                raise ValueError(
                    f"{self.name}(seed={self.seed}) is nested in a mock with seed "
                    f"{RUNTIME.world.ids.seed}; the outermost mock sets the seed"
                )
            elif self.realistic and not RUNTIME.world.realistic:
                raise ValueError(
                    f"{self.name}(realistic=True) is nested in a mock without it; the "
                    "outermost mock decides whether AWS's delays are modelled"
                )
            self._world = RUNTIME.world
            if self.now is not None:
                self._world.clock.freeze(self.now)
            self._activation = Activation(self.name, self.services, self.account_id)
            RUNTIME.push(self._activation)
            if self.moto_eventbridge:
                self._moto_bus = self._world.events.subscribe(moto_coexistence.put_on_moto_bus)
            if self.process_time and not self._world.clock.following:
                self._process_time = ProcessTime(self._world.clock)
        return self

    def stop(self) -> None:
        with RUNTIME.lock:
            if self._activation is None:
                raise RuntimeError(f"{self.name} is not started")
            if self._moto_bus is not None:
                self._moto_bus.unsubscribe()
                self._moto_bus = None
            if self._process_time is not None:
                self._process_time.stop()
                self._process_time = None
            RUNTIME.remove(self._activation)
            self._activation = None
            if not RUNTIME.active:
                environment.leave()
                # The handle keeps the finished world for inspection; the next mock starts afresh.
                RUNTIME.world = World()

    def __enter__(self) -> Mock:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- decorating -----------------------------------------------------------------------
    def copy(self) -> Mock:
        return Mock(
            self.name,
            self.services,
            now=self.now,
            account_id=self.account_id,
            seed=self.seed,
            realistic=self.realistic,
            moto_eventbridge=self.moto_eventbridge,
            process_time=self.process_time,
        )

    def __call__(self, target: _T) -> _T:
        """Decorate a function, coroutine function or class; each run gets a fresh mock."""
        if isinstance(target, type):
            return self._decorate_class(target)  # type: ignore[return-value]
        if inspect.iscoroutinefunction(target):

            @functools.wraps(target)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with self.copy():
                    return await target(*args, **kwargs)

            return run_async  # type: ignore[return-value]

        @functools.wraps(target)
        def run(*args: Any, **kwargs: Any) -> Any:
            with self.copy():
                return target(*args, **kwargs)

        return run  # type: ignore[return-value]

    def _decorate_class(self, cls: type) -> type:
        if issubclass(cls, unittest.TestCase):
            # The mock spans setUp, the test and tearDown; addCleanup stops it even when
            # setUp fails.
            set_up = cls.setUp
            template = self

            def setUp(test: unittest.TestCase) -> None:
                mock = template.copy().start()
                test.addCleanup(mock.stop)
                set_up(test)

            cls.setUp = setUp  # type: ignore[method-assign,assignment]
            return cls
        for name, attribute in list(vars(cls).items()):
            if name.startswith("test") and inspect.isfunction(attribute):
                setattr(cls, name, self(attribute))
        return cls


class MockFactory:
    """``mock_acmpca`` and its siblings: a bare decorator, or called with options."""

    def __init__(self, name: str, services: Iterable[str]) -> None:
        self.name = name
        self.services = tuple(services)
        self.__name__ = name

    def __repr__(self) -> str:
        return f"<certmock {self.name} for {', '.join(self.services)}>"

    @overload
    def __call__(self, target: _T, /) -> _T: ...

    @overload
    def __call__(
        self,
        *,
        now: _dt.datetime | str | None = ...,
        account_id: str = ...,
        seed: int | None = ...,
        realistic: bool = ...,
        moto_eventbridge: bool = ...,
        process_time: bool = ...,
    ) -> Mock: ...

    def __call__(self, *target: Callable[..., Any], **options: Any) -> Any:
        # One signature for both overloads (mypy cannot check a positional-only default
        # against a keyword-only overload); Mock rejects unknown options itself.
        if len(target) > 1 or (target and options):
            raise TypeError(
                f"{self.name} takes either one function or class to decorate, or "
                "keyword options (now=, account_id=, seed=, realistic=, moto_eventbridge=, "
                "process_time=)"
            )
        mock = Mock(self.name, self.services, **options)
        return mock(target[0]) if target else mock


FACTORIES: dict[str, MockFactory] = {
    service.factory: MockFactory(service.factory, [service.name]) for service in SERVICES
}
"""One factory per served service, named in its definition."""

mock_acmpca = FACTORIES["mock_acmpca"]
mock_acm = FACTORIES["mock_acm"]
mock_rds = FACTORIES["mock_rds"]
mock_apigateway = FACTORIES["mock_apigateway"]
mock_resourcegroupstaggingapi = FACTORIES["mock_resourcegroupstaggingapi"]
mock_all = MockFactory("mock_all", KNOWN_SERVICES)
