"""Client certificates as the Resource Groups Tagging API reaches them: through API Gateway's
own TagResource and UntagResource rules. The resource type is the path segment of the ARN
(``arn:aws:apigateway:<region>::/clientcertificates/<id>``), as ``apigateway:restapis`` is
for REST APIs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from certmock.services.apigateway.backend import ApiGatewayBackend
from certmock.services.definition import Taggable, TaggedResource

RESOURCE_TYPE = "apigateway:clientcertificates"


class ClientCertificateTags:
    def __init__(self, backend: ApiGatewayBackend) -> None:
        self.backend = backend

    def resources(self) -> Iterator[TaggedResource]:
        for certificate in self.backend.client_certificates():
            yield TaggedResource(
                certificate.arn,
                RESOURCE_TYPE,
                dict(certificate.tags),
                certificate.sequence,
                certificate.once_tagged,
            )

    def tag(self, arn: str, tags: Mapping[str, str]) -> None:
        self.backend.tag_resource(arn, tags)

    def untag(self, arn: str, keys: Sequence[str]) -> None:
        self.backend.untag_resource(arn, keys)


TAGGABLE = Taggable((RESOURCE_TYPE,), ClientCertificateTags)
