"""The ACME operations of ACM (botocore 1.44 and later): parameters in, result out.

The engine serves an operation only when the installed botocore model has it, so on older
botocore these handlers are simply never called.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from certmock.errors import ServiceError
from certmock.services.pagination import paginate

if TYPE_CHECKING:
    from certmock.services.acm.backend import AcmBackend

Result = Mapping[str, Any]

# MaxResults is 1-100 for every ACME listing (model); without it, certmock pages by 100.
_PAGE = 100


def _page(
    items: list[Any], params: Mapping[str, Any], listing: str, operation: str
) -> tuple[list[Any], str | None]:
    return paginate(
        items,
        lambda item: int(item.sequence),
        listing=listing,
        token=params.get("NextToken"),
        limit=params.get("MaxResults", _PAGE),
        # certmock's wording; ValidationException is what these operations model for it.
        invalid_token=ServiceError(
            "ValidationException",
            f"The NextToken is not valid; use the one your previous {operation} call returned.",
        ),
    )


# -- endpoints -------------------------------------------------------------------------------
def create_acme_endpoint(backend: AcmBackend, params: dict[str, Any]) -> Result:
    arn = backend.acme.create_endpoint(
        authorization_behavior=params["AuthorizationBehavior"],
        certificate_authority=params["CertificateAuthority"],
        contact=params.get("Contact"),
        tags_given=params.get("Tags"),
        certificate_tags=params.get("CertificateTags"),
        idempotency_token=params.get("IdempotencyToken"),
    )
    return {"AcmeEndpointArn": arn}


def describe_acme_endpoint(backend: AcmBackend, params: dict[str, Any]) -> Result:
    return {"AcmeEndpoint": backend.acme.endpoint(params["AcmeEndpointArn"]).describe()}


def update_acme_endpoint(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.acme.update_endpoint(
        params["AcmeEndpointArn"],
        authorization_behavior=params.get("AuthorizationBehavior"),
        contact=params.get("Contact"),
        certificate_authority=params.get("CertificateAuthority"),
    )
    return {}


def delete_acme_endpoint(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.acme.delete_endpoint(params["AcmeEndpointArn"])
    return {}


def list_acme_endpoints(backend: AcmBackend, params: dict[str, Any]) -> Result:
    found, token = _page(backend.acme.endpoints(), params, "acme-endpoints", "ListAcmeEndpoints")
    return {"AcmeEndpoints": [endpoint.describe() for endpoint in found], "NextToken": token}


# -- domain validations ----------------------------------------------------------------------
def create_acme_domain_validation(backend: AcmBackend, params: dict[str, Any]) -> Result:
    arn = backend.acme.create_domain_validation(
        params["AcmeEndpointArn"],
        params["DomainName"],
        params["PrevalidationOptions"],
        tags_given=params.get("Tags"),
        idempotency_token=params.get("IdempotencyToken"),
    )
    return {"AcmeDomainValidationArn": arn}


def describe_acme_domain_validation(backend: AcmBackend, params: dict[str, Any]) -> Result:
    found = backend.acme.domain_validation(params["AcmeDomainValidationArn"])
    return {"AcmeDomainValidation": found.describe()}


def update_acme_domain_validation(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.acme.update_domain_validation(
        params["AcmeDomainValidationArn"], params.get("PrevalidationOptions")
    )
    return {}


def delete_acme_domain_validation(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.acme.delete_domain_validation(params["AcmeDomainValidationArn"])
    return {}


def list_acme_domain_validations(backend: AcmBackend, params: dict[str, Any]) -> Result:
    endpoint_arn = params["AcmeEndpointArn"]
    found, token = _page(
        backend.acme.domain_validations(endpoint_arn),
        params,
        f"acme-domain-validations/{endpoint_arn}",
        "ListAcmeDomainValidations",
    )
    return {
        "AcmeDomainValidations": [validation.describe() for validation in found],
        "NextToken": token,
    }


# -- external account bindings ---------------------------------------------------------------
def create_acme_external_account_binding(backend: AcmBackend, params: dict[str, Any]) -> Result:
    created = backend.acme.create_binding(
        params["AcmeEndpointArn"],
        params["RoleArn"],
        expiration=params.get("Expiration"),
        tags_given=params.get("Tags"),
        idempotency_token=params.get("IdempotencyToken"),
    )
    return {"ExternalAccountBinding": created.describe()}


def describe_acme_external_account_binding(backend: AcmBackend, params: dict[str, Any]) -> Result:
    found = backend.acme.binding(params["AcmeExternalAccountBindingArn"])
    return {"ExternalAccountBinding": found.describe()}


def get_acme_external_account_binding_credentials(
    backend: AcmBackend, params: dict[str, Any]
) -> Result:
    found = backend.acme.binding(params["AcmeExternalAccountBindingArn"])
    return {"KeyId": found.key_id, "MacKey": found.mac_key}


def revoke_acme_external_account_binding(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.acme.revoke_binding(params["AcmeExternalAccountBindingArn"])
    return {}


def delete_acme_external_account_binding(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.acme.delete_binding(params["AcmeExternalAccountBindingArn"])
    return {}


def list_acme_external_account_bindings(backend: AcmBackend, params: dict[str, Any]) -> Result:
    endpoint_arn = params["AcmeEndpointArn"]
    found, token = _page(
        backend.acme.bindings(endpoint_arn),
        params,
        f"acme-external-account-bindings/{endpoint_arn}",
        "ListAcmeExternalAccountBindings",
    )
    return {"ExternalAccountBindings": [b.describe() for b in found], "NextToken": token}


# -- ACME accounts ---------------------------------------------------------------------------
def describe_acme_account(backend: AcmBackend, params: dict[str, Any]) -> Result:
    found = backend.acme.account(params["AcmeEndpointArn"], params["AccountUrl"])
    return {"AcmeAccount": found.describe()}


def list_acme_accounts(backend: AcmBackend, params: dict[str, Any]) -> Result:
    endpoint_arn = params["AcmeEndpointArn"]
    found, token = _page(
        backend.acme.accounts(endpoint_arn),
        params,
        f"acme-accounts/{endpoint_arn}",
        "ListAcmeAccounts",
    )
    return {"AcmeAccounts": [account.describe() for account in found], "NextToken": token}


def revoke_acme_account(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.acme.revoke_account(params["AcmeEndpointArn"], params["AccountUrl"])
    return {}


HANDLERS = {
    "CreateAcmeEndpoint": create_acme_endpoint,
    "DescribeAcmeEndpoint": describe_acme_endpoint,
    "UpdateAcmeEndpoint": update_acme_endpoint,
    "DeleteAcmeEndpoint": delete_acme_endpoint,
    "ListAcmeEndpoints": list_acme_endpoints,
    "CreateAcmeDomainValidation": create_acme_domain_validation,
    "DescribeAcmeDomainValidation": describe_acme_domain_validation,
    "UpdateAcmeDomainValidation": update_acme_domain_validation,
    "DeleteAcmeDomainValidation": delete_acme_domain_validation,
    "ListAcmeDomainValidations": list_acme_domain_validations,
    "CreateAcmeExternalAccountBinding": create_acme_external_account_binding,
    "DescribeAcmeExternalAccountBinding": describe_acme_external_account_binding,
    "GetAcmeExternalAccountBindingCredentials": get_acme_external_account_binding_credentials,
    "RevokeAcmeExternalAccountBinding": revoke_acme_external_account_binding,
    "DeleteAcmeExternalAccountBinding": delete_acme_external_account_binding,
    "ListAcmeExternalAccountBindings": list_acme_external_account_bindings,
    "DescribeAcmeAccount": describe_acme_account,
    "ListAcmeAccounts": list_acme_accounts,
    "RevokeAcmeAccount": revoke_acme_account,
}
