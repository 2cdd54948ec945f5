"""ACM operations: parameters (as botocore's shapes name them) in, result out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from certmock.errors import ServiceError
from certmock.services.acm import listing, paging, search
from certmock.services.acm.acme import arns as acme_arns
from certmock.services.acm.acme.handlers import HANDLERS as ACME_HANDLERS
from certmock.services.acm.backend import AcmBackend
from certmock.services.acm.modeled import has_member

Result = Mapping[str, Any]

# ListCertificates: MaxItems 1-1000 (model); without it, certmock pages by 1000 too.
_LIST_PAGE = 1000


def import_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    imported = backend.import_certificate(
        params["Certificate"],
        params["PrivateKey"],
        params.get("CertificateChain"),
        arn=params.get("CertificateArn"),
        tags=params.get("Tags"),
    )
    return {"CertificateArn": imported.arn}


def request_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    arn = backend.request_certificate(
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
    )
    return {"CertificateArn": arn}


def describe_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    found = backend.certificate(params["CertificateArn"])
    return {"Certificate": found.describe(backend.scope.now(), has_member("CertificateDetail"))}


def get_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    certificate, chain = backend.get_certificate(params["CertificateArn"])
    return {"Certificate": certificate, "CertificateChain": chain}


def export_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    certificate, chain, key = backend.export_certificate(
        params["CertificateArn"], params["Passphrase"]
    )
    return {"Certificate": certificate, "CertificateChain": chain, "PrivateKey": key}


def delete_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.delete_certificate(params["CertificateArn"])
    return {}


def list_certificates(backend: AcmBackend, params: dict[str, Any]) -> Result:
    sort_by, sort_order = params.get("SortBy"), params.get("SortOrder")
    listing.check_sorting(sort_by, sort_order)
    kept = [
        certificate
        for certificate in backend.certificates()
        if listing.matches(
            certificate,
            params.get("CertificateStatuses"),
            params.get("Includes"),
            params.get("CertificateKeyPairOrigins"),
        )
    ]
    key = listing.created_order if sort_by else listing.creation_sequence
    found, token = paging.page(
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
    summary = has_member("CertificateSummary")
    return {
        "CertificateSummaryList": [certificate.summary(summary) for certificate in found],
        "NextToken": token,
    }


def search_certificates(backend: AcmBackend, params: dict[str, Any]) -> Result:
    statement = params.get("FilterStatement")
    if statement is not None:
        search.check_statement(statement)
    metadata_members = has_member("AcmCertificateMetadata")
    kept = [
        certificate
        for certificate in backend.certificates()
        if statement is None
        or search.matches(certificate, statement, search.metadata(certificate, metadata_members))
    ]
    sort_by, sort_order = params.get("SortBy"), params.get("SortOrder")
    found, token = paging.page(
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
        "Results": [search.result(certificate, metadata_members) for certificate in found],
        "NextToken": token,
    }


def add_tags_to_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.add_tags(params["CertificateArn"], params["Tags"])
    return {}


def remove_tags_from_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.remove_tags(params["CertificateArn"], params["Tags"])
    return {}


def list_tags_for_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    return {"Tags": backend.list_tags(params["CertificateArn"])}


def renew_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.renew_certificate(params["CertificateArn"])
    return {}


def revoke_certificate(backend: AcmBackend, params: dict[str, Any]) -> Result:
    revoked = backend.revoke_certificate(params["CertificateArn"], params["RevocationReason"])
    return {"CertificateArn": revoked.arn}


def resend_validation_email(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.resend_validation_email(
        params["CertificateArn"], params["Domain"], params["ValidationDomain"]
    )
    return {}


def update_certificate_options(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.update_certificate_options(params["CertificateArn"], params["Options"])
    return {}


def get_account_configuration(backend: AcmBackend, params: dict[str, Any]) -> Result:
    return backend.account.describe()


def put_account_configuration(backend: AcmBackend, params: dict[str, Any]) -> Result:
    backend.put_account_configuration(params.get("ExpiryEvents"), params["IdempotencyToken"])
    return {}


# -- operations newer botocore versions have (1.44+) ------------------------------------------
def list_certificate_domain_validations(backend: AcmBackend, params: dict[str, Any]) -> Result:
    found = backend.certificate(params["CertificateArn"])
    summaries = list(enumerate(found.domain_validation_summaries()))
    page, token = paging.page(
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
    return {"DomainValidationSummaryList": [summary for _, summary in page], "NextToken": token}


def tag_resource(backend: AcmBackend, params: dict[str, Any]) -> Result:
    if acme_arns.parse(params["ResourceArn"]) is not None:
        backend.acme.tag(params["ResourceArn"], params["Tags"])
        return {}
    backend.add_tags(backend.tagged_certificate(params["ResourceArn"]), params["Tags"])
    return {}


def untag_resource(backend: AcmBackend, params: dict[str, Any]) -> Result:
    if acme_arns.parse(params["ResourceArn"]) is not None:
        backend.acme.untag(params["ResourceArn"], params["TagKeys"])
        return {}
    arn = backend.tagged_certificate(params["ResourceArn"])
    backend.remove_tags(arn, [{"Key": key} for key in params["TagKeys"]])
    return {}


def list_tags_for_resource(backend: AcmBackend, params: dict[str, Any]) -> Result:
    if acme_arns.parse(params["ResourceArn"]) is not None:
        return {"Tags": backend.acme.list_tags(params["ResourceArn"])}
    return {"Tags": backend.list_tags(backend.tagged_certificate(params["ResourceArn"]))}


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
    **ACME_HANDLERS,
}
