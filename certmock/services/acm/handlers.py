"""ACM operations: parameters (as botocore's shapes name them) in, result out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from certmock.errors import ServiceError
from certmock.services.acm import certificate_tags, listing, search
from certmock.services.acm.acme.backend import AcmeBackend
from certmock.services.acm.acme.handlers import ACME_HANDLERS
from certmock.services.acm.acme.resources import ACME_ARN
from certmock.services.acm.backend import AcmBackend
from certmock.services.acm.organization.handlers import ORGANIZATION_HANDLERS
from certmock.services.toolkit.pages import page

Result = Mapping[str, Any]

# ListCertificates: MaxItems 1-1000 (model); without it, certmock pages by 1000 too.
_LIST_PAGE = 1000


def import_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    imported = backend.imports.import_certificate(
        params["Certificate"],
        params["PrivateKey"],
        params.get("CertificateChain"),
        arn=params.get("CertificateArn"),
        tags=params.get("Tags"),
    )
    return {"CertificateArn": imported.arn}


def request_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    arn = backend.requests.request(
        domain_name=params["DomainName"],
        validation_method=params.get("ValidationMethod"),
        subject_alternative_names=params.get("SubjectAlternativeNames"),
        idempotency_token=params.get("IdempotencyToken"),
        domain_validation_options=params.get("DomainValidationOptions"),
        options=params.get("Options"),
        certificate_authority_arn=params.get("CertificateAuthorityArn"),
        tags=params.get("Tags"),
        key_algorithm=params.get("KeyAlgorithm"),
        managed_by=params.get("ManagedBy"),
        root_hierarchy_type=params.get("RootHierarchyType"),
        certificate_usage=params.get("CertificateUsage"),
    )
    return {"CertificateArn": arn}


def describe_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    found = backend.store.certificate(params["CertificateArn"])
    return {"Certificate": found.describe(backend.scope.now())}


def get_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    certificate, chain = backend.exports.get(params["CertificateArn"])
    return {"Certificate": certificate, "CertificateChain": chain}


def export_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    certificate, chain, key = backend.exports.export(params["CertificateArn"], params["Passphrase"])
    return {"Certificate": certificate, "CertificateChain": chain, "PrivateKey": key}


def delete_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.store.delete(params["CertificateArn"])
    return {}


def list_certificates(backend: AcmBackend, params: dict[str, Any]) -> Result:
    sort_by, sort_order = params.get("SortBy"), params.get("SortOrder")
    listing.check_sorting(sort_by, sort_order)
    kept = [
        certificate
        for certificate in backend.store.all()
        if listing.matches(
            certificate,
            params.get("CertificateStatuses"),
            params.get("Includes"),
            params.get("CertificateKeyPairOrigins"),
            params.get("RootHierarchyTypes"),
        )
    ]
    key = listing.created_order if sort_by else listing.creation_sequence
    found, token = page(
        kept,
        key,
        listing=f"list/{sort_by}/{sort_order}",
        token=params.get("NextToken"),
        limit=params.get("MaxItems", _LIST_PAGE),
        descending=sort_order == "DESCENDING",
        # certmock's wording; InvalidArgsException is what ListCertificates models for it.
        invalid_token=ServiceError(
            "InvalidArgsException",
            "The NextToken is not valid; use the one your previous ListCertificates call returned.",
        ),
    )
    return {
        "CertificateSummaryList": [certificate.summary() for certificate in found],
        "NextToken": token,
    }


def search_certificates(backend: AcmBackend, params: dict[str, Any]) -> Result:
    statement = params.get("FilterStatement")
    if statement is not None:
        search.check_statement(statement)
    n2_wanted = statement is not None and search.names_root_hierarchy(statement)
    kept = [
        certificate
        for certificate in backend.store.all()
        if (certificate.root_hierarchy_type is None or n2_wanted)
        and (
            statement is None
            or search.matches(certificate, statement, search.metadata(certificate))
        )
    ]
    sort_by, sort_order = params.get("SortBy"), params.get("SortOrder")
    found, token = page(
        kept,
        search.sort_key(sort_by),
        listing=f"search/{sort_by}/{sort_order}",
        token=params.get("NextToken"),
        limit=params.get("MaxResults", search.DEFAULT_MAX_RESULTS),
        descending=sort_order == "DESCENDING",
        invalid_token=ServiceError(
            "ValidationException",
            "The NextToken is not valid; use the one your previous SearchCertificates call "
            "returned.",
        ),
    )
    return {
        "Results": [search.result(certificate) for certificate in found],
        "NextToken": token,
    }


def add_tags_to_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    certificate_tags.add(backend.store.certificate(params["CertificateArn"]), params["Tags"])
    return {}


def remove_tags_from_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    certificate_tags.remove(backend.store.certificate(params["CertificateArn"]), params["Tags"])
    return {}


def list_tags_for_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    return {"Tags": certificate_tags.described(backend.store.certificate(params["CertificateArn"]))}


def renew_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.renewals.renew(params["CertificateArn"])
    return {}


def revoke_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    revoked = backend.exports.revoke(params["CertificateArn"], params["RevocationReason"])
    return {"CertificateArn": revoked.arn}


def resend_validation_email(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.requests.resend_validation_email(
        params["CertificateArn"], params["Domain"], params["ValidationDomain"]
    )
    return {}


def update_certificate_options(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.options.update(params["CertificateArn"], params["Options"])
    return {}


def get_account_configuration(backend: AcmBackend, params: dict[str, Any]) -> Result:
    return backend.expiry.configuration()


def put_account_configuration(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.expiry.configure(params.get("ExpiryEvents"), params["IdempotencyToken"])
    return {}


# -- operations newer botocore versions have (1.44+) ------------------------------------------
def list_certificate_domain_validations(backend: AcmBackend, params: dict[str, Any]) -> Result:
    # The operation models InvalidArgsException, not InvalidArnException, for a bad argument.
    found = backend.store.certificate(params["CertificateArn"], malformed="InvalidArgsException")
    summaries = list(enumerate(found.domain_validation_summaries()))
    listed, token = page(
        summaries,
        lambda indexed: (indexed[0],),
        listing=f"domain-validations/{found.arn}",
        token=params.get("NextToken"),
        limit=params.get("MaxItems", _LIST_PAGE),
        invalid_token=ServiceError(
            "InvalidArgsException",
            "The NextToken is not valid; use the one your previous "
            "ListCertificateDomainValidations call returned.",
        ),
    )
    return {"DomainValidationSummaryList": [summary for _, summary in listed], "NextToken": token}


def tag_resource(backend: AcmBackend, params: dict[str, Any]) -> Result:
    arn = params["ResourceArn"]
    if ACME_ARN.parse(arn) is not None:
        backend.acme.tag(arn, params["Tags"])
    else:
        certificate_tags.add(backend.store.tagged_certificate(arn), params["Tags"])
    return {}


def untag_resource(backend: AcmBackend, params: dict[str, Any]) -> Result:
    arn = params["ResourceArn"]
    if ACME_ARN.parse(arn) is not None:
        backend.acme.untag(arn, params["TagKeys"])
    else:
        removed = [{"Key": key} for key in params["TagKeys"]]
        certificate_tags.remove(backend.store.tagged_certificate(arn), removed)
    return {}


def list_tags_for_resource(backend: AcmBackend, params: dict[str, Any]) -> Result:
    arn = params["ResourceArn"]
    if ACME_ARN.parse(arn) is not None:
        return {"Tags": backend.acme.list_tags(arn)}
    return {"Tags": certificate_tags.described(backend.store.tagged_certificate(arn))}


AcmeHandler = Callable[[AcmeBackend, dict[str, Any]], Result]


def _on_acme(handler: AcmeHandler) -> Callable[[AcmBackend, dict[str, Any]], Result]:
    """An ACME operation's handler, given the account and region's ACME backend."""

    def on_acme(backend: AcmBackend, params: dict[str, Any]) -> Result:
        return handler(backend.acme, params)

    return on_acme


HANDLERS = {
    "AddTagsToCertificate": add_tags_to_certificate,
    "DeleteCertificate": delete_certificate,
    "DescribeCertificate": describe_certificate,
    "ExportCertificate": export_certificate,
    "GetAccountConfiguration": get_account_configuration,
    "GetCertificate": get_certificate,
    "ImportCertificate": import_certificate,
    "ListCertificates": list_certificates,
    "ListTagsForCertificate": list_tags_for_certificate,
    "PutAccountConfiguration": put_account_configuration,
    "RemoveTagsFromCertificate": remove_tags_from_certificate,
    "RenewCertificate": renew_certificate,
    "RequestCertificate": request_certificate,
    "ResendValidationEmail": resend_validation_email,
    "RevokeCertificate": revoke_certificate,
    "SearchCertificates": search_certificates,
    "UpdateCertificateOptions": update_certificate_options,
    # botocore 1.44 and later.
    "ListCertificateDomainValidations": list_certificate_domain_validations,
    "TagResource": tag_resource,
    "UntagResource": untag_resource,
    "ListTagsForResource": list_tags_for_resource,
    **{operation: _on_acme(handler) for operation, handler in ACME_HANDLERS.items()},
    # botocore 1.44.18: the inventory and member operations (ServiceType ACM-INVENTORY).
    **ORGANIZATION_HANDLERS,
}
