"""AWS Certificate Manager (``acm``)."""

from certmock.services.acm.backend import SERVICE_NAME, AcmBackend
from certmock.services.acm.control import AcmControl
from certmock.services.acm.handlers import HANDLERS
from certmock.services.acm.inventory import INVENTORY
from certmock.services.acm.tagging import TAGGABLE
from certmock.services.definition import (
    AnswerBeyondModel,
    ExtraConstraint,
    ModelGaps,
    ServiceDefinition,
)

GAPS = ModelGaps(
    constraints=(
        ExtraConstraint(
            "PutAccountConfiguration",
            "ExpiryEvents.DaysBeforeExpiry",
            maximum=45,
            source="CloudFormation AWS::CertificateManager::Account, ExpiryEventsConfiguration "
            "DaysBeforeExpiry: 1-45; the API model sets no maximum (fact sheet 6.2)",
        ),
    ),
    answers_beyond_model=(
        AnswerBeyondModel(
            "TagList",
            "min",
            "ListTagsForCertificate (and the ACME ListTagsForResource) of an untagged resource "
            "answer an empty Tags list; the shape is shared with AddTagsToCertificate, which "
            "needs one tag (I).",
        ),
        AnswerBeyondModel(
            "KeyAlgorithm",
            "enum",
            "DescribeCertificate answers the key algorithm hyphenated ('RSA-2048', "
            "'EC-prime256v1') where the model's enum has underscores (C: real CLI output, fact "
            "sheet 6.5).",
        ),
        AnswerBeyondModel(
            "Arn",
            "pattern",
            "DescribeCertificate of a private certificate answers the issuing CA's acm-pca ARN "
            "in CertificateAuthorityArn, whose shape's pattern names only acm ARNs (C: the "
            "member's documentation, fact sheet 6.5).",
        ),
        AnswerBeyondModel(
            "DomainValidationList",
            "min",
            "The RenewalSummary of a private certificate answers an empty "
            "DomainValidationOptions: the member is required, but a private certificate "
            "validates no name (I, fact sheet 6.5).",
        ),
        AnswerBeyondModel(
            "PrivateKey",
            "pattern",
            "ExportCertificate answers the key encrypted with the passphrase, as PEM "
            "'ENCRYPTED PRIVATE KEY' (C: ExportCertificate API reference and the ACM user "
            "guide's export example); the shape's pattern, shared with ImportCertificate, "
            "describes an unencrypted key.",
        ),
    ),
    # Results carry these always; a model older than botocore 1.44 lacks them.
    newer_output_members={
        "CertificateDetail": frozenset({"CertificateKeyPairOrigin", "UpdateSummary"}),
        "CertificateSummary": frozenset({"CertificateKeyPairOrigin"}),
        "AcmCertificateMetadata": frozenset({"CertificateKeyPairOrigin"}),
    },
)

DEFINITION = ServiceDefinition(
    name=SERVICE_NAME,
    factory="mock_acm",
    backend_factory=AcmBackend,
    handlers=HANDLERS,
    inventory=INVENTORY,
    gaps=GAPS,
    controls=AcmControl,
    controls_name="acm",
    taggable=TAGGABLE,
)
