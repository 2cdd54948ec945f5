"""The ACME operations of ACM (botocore 1.44 and later): parameters in, result out, given the
account and region's ACME backend.

The engine serves an operation only when the installed botocore model has it, so on older
botocore these handlers are simply never called.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from certmock.errors import ServiceError
from certmock.services.acm.acme.backend import AcmeBackend
from certmock.services.toolkit.pages import page_in_creation_order

Result = Mapping[str, Any]

# MaxResults is 1-100 for every ACME listing (model); without it, certmock pages by 100.
_PAGE = 100


class _Listed(Protocol):
    sequence: int

    def describe(self) -> dict[str, Any]: ...


def _listed(
    items: Sequence[_Listed],
    params: Mapping[str, Any],
    *,
    operation: str,
    listing: str,
    member: str,
) -> Result:
    """One page of a List operation's result (``member`` and NextToken), in creation order."""
    found, token = page_in_creation_order(
        items,
        lambda item: item.sequence,
        listing=listing,
        token=params.get("NextToken"),
        limit=params.get("MaxResults", _PAGE),
        # certmock's wording; ValidationException is what these operations model for it.
        invalid_token=ServiceError(
            "ValidationException",
            f"The NextToken is not valid; use the one your previous {operation} call returned.",
        ),
    )
    return {member: [item.describe() for item in found], "NextToken": token}


# -- endpoints -------------------------------------------------------------------------------
def create_acme_endpoint(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    arn = acme.endpoints.create(
        authorization_behavior=params["AuthorizationBehavior"],
        certificate_authority=params["CertificateAuthority"],
        contact=params.get("Contact"),
        tags=params.get("Tags"),
        certificate_tags=params.get("CertificateTags"),
        idempotency_token=params.get("IdempotencyToken"),
    )
    return {"AcmeEndpointArn": arn}


def describe_acme_endpoint(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    return {"AcmeEndpoint": acme.endpoints.get(params["AcmeEndpointArn"]).describe()}


def update_acme_endpoint(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    acme.endpoints.update(
        params["AcmeEndpointArn"],
        authorization_behavior=params.get("AuthorizationBehavior"),
        contact=params.get("Contact"),
        certificate_authority=params.get("CertificateAuthority"),
    )
    return {}


def delete_acme_endpoint(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    acme.delete_endpoint(params["AcmeEndpointArn"])
    return {}


def list_acme_endpoints(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    return _listed(
        acme.endpoints.all(),
        params,
        operation="ListAcmeEndpoints",
        listing="acme-endpoints",
        member="AcmeEndpoints",
    )


# -- domain validations ----------------------------------------------------------------------
def create_acme_domain_validation(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    arn = acme.domain_validations.create(
        params["AcmeEndpointArn"],
        params["DomainName"],
        params["PrevalidationOptions"],
        tags=params.get("Tags"),
        idempotency_token=params.get("IdempotencyToken"),
    )
    return {"AcmeDomainValidationArn": arn}


def describe_acme_domain_validation(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    found = acme.domain_validations.get(params["AcmeDomainValidationArn"])
    return {"AcmeDomainValidation": found.describe()}


def update_acme_domain_validation(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    acme.domain_validations.update(
        params["AcmeDomainValidationArn"], params.get("PrevalidationOptions")
    )
    return {}


def delete_acme_domain_validation(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    acme.domain_validations.delete(params["AcmeDomainValidationArn"])
    return {}


def list_acme_domain_validations(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    endpoint_arn = params["AcmeEndpointArn"]
    return _listed(
        acme.domain_validations.of(endpoint_arn),
        params,
        operation="ListAcmeDomainValidations",
        listing=f"acme-domain-validations/{endpoint_arn}",
        member="AcmeDomainValidations",
    )


# -- external account bindings ---------------------------------------------------------------
def create_acme_external_account_binding(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    created = acme.bindings.create(
        params["AcmeEndpointArn"],
        params["RoleArn"],
        expiration=params.get("Expiration"),
        tags=params.get("Tags"),
        idempotency_token=params.get("IdempotencyToken"),
    )
    return {"ExternalAccountBinding": created.describe()}


def describe_acme_external_account_binding(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    found = acme.bindings.get(params["AcmeExternalAccountBindingArn"])
    return {"ExternalAccountBinding": found.describe()}


def get_acme_external_account_binding_credentials(
    acme: AcmeBackend, params: dict[str, Any]
) -> Result:
    found = acme.bindings.get(params["AcmeExternalAccountBindingArn"])
    return {"KeyId": found.key_id, "MacKey": found.mac_key}


def revoke_acme_external_account_binding(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    acme.bindings.revoke(params["AcmeExternalAccountBindingArn"])
    return {}


def delete_acme_external_account_binding(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    acme.bindings.delete(params["AcmeExternalAccountBindingArn"])
    return {}


def list_acme_external_account_bindings(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    endpoint_arn = params["AcmeEndpointArn"]
    return _listed(
        acme.bindings.of(endpoint_arn),
        params,
        operation="ListAcmeExternalAccountBindings",
        listing=f"acme-external-account-bindings/{endpoint_arn}",
        member="ExternalAccountBindings",
    )


# -- ACME accounts ---------------------------------------------------------------------------
def describe_acme_account(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    found = acme.accounts.get(params["AcmeEndpointArn"], params["AccountUrl"])
    return {"AcmeAccount": found.describe()}


def list_acme_accounts(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    endpoint_arn = params["AcmeEndpointArn"]
    return _listed(
        acme.accounts.of(endpoint_arn),
        params,
        operation="ListAcmeAccounts",
        listing=f"acme-accounts/{endpoint_arn}",
        member="AcmeAccounts",
    )


def revoke_acme_account(acme: AcmeBackend, params: dict[str, Any]) -> Result:
    acme.accounts.revoke(params["AcmeEndpointArn"], params["AccountUrl"])
    return {}


ACME_HANDLERS: dict[str, Callable[[AcmeBackend, dict[str, Any]], Result]] = {
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
