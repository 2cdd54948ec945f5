"""restJson1 routing: each operation's ``http.requestUri`` template (``/restapis/{restapi_id}``,
``/{Key+}``, ``/restapis?mode=import``) compiled once per model, to find the operation a method
and path call and the URI labels in the path."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote

from botocore.model import OperationModel, ServiceModel

from certmock.protocols.base import WireRequest

_LABEL = re.compile(r"\{([^}]+)\}")


@dataclass(frozen=True)
class Route:
    """One operation's ``http.requestUri`` template, compiled."""

    operation: str
    method: str
    path: re.Pattern[str]
    labels: tuple[str, ...]
    """Label names (without a greedy ``+``), in the order of the pattern's groups."""
    query: tuple[tuple[str, str | None], ...]
    """Literal ``?key=value`` parts of the template; None where only the key is given."""
    specificity: tuple[int, int]

    @classmethod
    def compile(cls, operation: OperationModel) -> Route:
        template: str = operation.http.get("requestUri", "/")
        path, _, query = template.partition("?")
        pattern: list[str] = []
        labels: list[str] = []
        literal = len(query)
        greedy = 0
        position = 0
        for found in _LABEL.finditer(path):
            text = path[position : found.start()]
            pattern.append(re.escape(text))
            literal += len(text)
            label = found.group(1)
            if label.endswith("+"):
                labels.append(label[:-1])
                pattern.append("(.+)")
                greedy += 1
            else:
                labels.append(label)
                pattern.append("([^/]+)")
            position = found.end()
        pattern.append(re.escape(path[position:]))
        literal += len(path) - position
        literal_query = tuple(
            (key, value if "=" in part else None)
            for part in query.split("&")
            if part
            for key, value in parse_qsl(part, keep_blank_values=True)
        )
        return cls(
            operation.name,
            operation.http.get("method", "POST").upper(),
            re.compile("".join(pattern)),
            tuple(labels),
            literal_query,
            # More literal text wins; between equals, a single-segment label beats a greedy one.
            (literal, -greedy),
        )

    def labels_in(self, path: str) -> dict[str, str] | None:
        found = self.path.fullmatch(path)
        if found is None:
            return None
        return {
            label: unquote(value) for label, value in zip(self.labels, found.groups(), strict=True)
        }

    def matches(self, request: WireRequest) -> bool:
        if request.method.upper() != self.method or self.path.fullmatch(request.path) is None:
            return False
        present = request.query_items
        return all(
            any(key == name and value in (None, given) for name, given in present)
            for key, value in self.query
        )


@dataclass(frozen=True)
class RoutingTable:
    ordered: tuple[Route, ...]
    """Most specific first: the first route a request matches is its operation's."""
    by_name: dict[str, Route]


@functools.lru_cache(maxsize=16)
def routing_table(service_model: ServiceModel) -> RoutingTable:
    routes = [
        Route.compile(service_model.operation_model(name)) for name in service_model.operation_names
    ]
    ordered = sorted(routes, key=lambda route: route.specificity, reverse=True)
    return RoutingTable(tuple(ordered), {route.operation: route for route in routes})
