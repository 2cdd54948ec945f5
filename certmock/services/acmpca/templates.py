"""The service-owned certificate templates of ACM Private CA and what each puts in a certificate.

From the user guide's template tables ("Understanding certificate templates"): every template is
``arn:<partition>:acm-pca:::template/<Name>/V1``. A *family* fixes basicConstraints, keyUsage and
extKeyUsage; a *variant* says whether extensions of the CSR (``_CSRPassthrough``), of the
``ApiPassthrough`` parameter (``_APIPassthrough``) or of both (``_APICSRPassthrough``) may be
added. The template wins over ApiPassthrough, which wins over the CSR.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.x509.oid import ExtendedKeyUsageOID, ObjectIdentifier

from certmock.errors import ServiceError

_SERVER_CLIENT = (ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH)
_END_ENTITY_USAGE = {"DigitalSignature": True, "KeyEncipherment": True}
_CA_USAGE = {"DigitalSignature": True, "KeyCertSign": True, "CRLSign": True}


@dataclass(frozen=True)
class Template:
    name: str
    """``EndEntityCertificate_APIPassthrough``: the ARN's resource name without ``/V1``."""
    ca: bool
    path_length: int | None = None
    key_usage: Mapping[str, bool] | None = None
    """Always critical when the template sets it."""
    extended_key_usage: tuple[ObjectIdentifier, ...] = ()
    extended_key_usage_critical: bool = False
    root: bool = False
    """Only a root CA's own CSR may be signed with it (the CA's self-signed certificate)."""
    csr_passthrough: bool = False
    api_passthrough: bool = False


def _family(
    name: str,
    *,
    ca: bool = False,
    path_length: int | None = None,
    key_usage: Mapping[str, bool] | None = None,
    eku: tuple[ObjectIdentifier, ...] = (),
    eku_critical: bool = False,
    root: bool = False,
    variants: tuple[str, ...],
) -> dict[str, Template]:
    templates = {}
    for variant in variants:
        full = name + variant
        templates[full] = Template(
            full,
            ca=ca,
            path_length=path_length,
            key_usage=key_usage,
            extended_key_usage=eku,
            extended_key_usage_critical=eku_critical,
            root=root,
            csr_passthrough="CSR" in variant,
            api_passthrough="API" in variant,
        )
    return templates


_ALL_VARIANTS = ("", "_CSRPassthrough", "_APIPassthrough", "_APICSRPassthrough")
_PASSTHROUGH = ("_CSRPassthrough", "_APIPassthrough", "_APICSRPassthrough")

TEMPLATES: dict[str, Template] = {
    **_family(
        "EndEntityCertificate",
        key_usage=_END_ENTITY_USAGE,
        eku=_SERVER_CLIENT,
        variants=_ALL_VARIANTS,
    ),
    **_family(
        "EndEntityClientAuthCertificate",
        key_usage=_END_ENTITY_USAGE,
        eku=(ExtendedKeyUsageOID.CLIENT_AUTH,),
        variants=_ALL_VARIANTS,
    ),
    **_family(
        "EndEntityServerAuthCertificate",
        key_usage=_END_ENTITY_USAGE,
        eku=(ExtendedKeyUsageOID.SERVER_AUTH,),
        variants=_ALL_VARIANTS,
    ),
    **_family(
        "CodeSigningCertificate",
        key_usage={"DigitalSignature": True},
        eku=(ExtendedKeyUsageOID.CODE_SIGNING,),
        eku_critical=True,
        variants=_ALL_VARIANTS,
    ),
    **_family(
        "OCSPSigningCertificate",
        key_usage={"DigitalSignature": True},
        eku=(ExtendedKeyUsageOID.OCSP_SIGNING,),
        eku_critical=True,
        variants=_ALL_VARIANTS,
    ),
    **_family("BlankEndEntityCertificate", variants=_PASSTHROUGH),
    **_family(
        "RootCACertificate",
        ca=True,
        key_usage=_CA_USAGE,
        root=True,
        variants=("", "_APIPassthrough"),
    ),
    **_family("BlankRootCACertificate", ca=True, root=True, variants=("_APIPassthrough",)),
}
for _length in range(4):
    TEMPLATES.update(
        _family(
            f"SubordinateCACertificate_PathLen{_length}",
            ca=True,
            path_length=_length,
            key_usage=_CA_USAGE,
            variants=_ALL_VARIANTS,
        )
    )
    TEMPLATES.update(
        _family(
            f"BlankSubordinateCACertificate_PathLen{_length}",
            ca=True,
            path_length=_length,
            variants=_PASSTHROUGH,
        )
    )
    TEMPLATES.update(
        _family(
            f"BlankRootCACertificate_PathLen{_length}",
            ca=True,
            path_length=_length,
            root=True,
            variants=("_APIPassthrough",),
        )
    )

# The templates an account may use with another account's CA (shared through a resource
# policy or RAM), per the template guide.
CROSS_ACCOUNT = frozenset(
    {
        "EndEntityCertificate",
        "EndEntityClientAuthCertificate",
        "EndEntityServerAuthCertificate",
        "BlankEndEntityCertificate_APICSRPassthrough",
    }
)

DEFAULT_TEMPLATE_NAME = "EndEntityCertificate"
_TEMPLATE_ARN = re.compile(r"arn:(?P<partition>[\w-]+):acm-pca:::template/(?P<name>[\w]+)/V1")


def template_arn(name: str, partition: str = "aws") -> str:
    return f"arn:{partition}:acm-pca:::template/{name}/V1"


def lookup(arn: str | None, partition: str) -> Template:
    """The template an IssueCertificate ``TemplateArn`` names (EndEntityCertificate/V1 when
    absent); InvalidArgsException for an ARN that names no service-owned template."""
    if arn is None:
        return TEMPLATES[DEFAULT_TEMPLATE_NAME]
    matched = _TEMPLATE_ARN.fullmatch(arn)
    template = TEMPLATES.get(matched["name"]) if matched else None
    if matched is None or template is None:
        raise ServiceError(
            "InvalidArgsException",
            f"The template {arn} does not exist. Templates are named "
            f"arn:{partition}:acm-pca:::template/<TemplateName>/V1, for example "
            f"{template_arn(DEFAULT_TEMPLATE_NAME, partition)}.",
        )
    if matched["partition"] != partition:
        raise ServiceError(
            "InvalidArgsException",
            f"The template {arn} is in partition {matched['partition']}; this CA is in "
            f"partition {partition}.",
        )
    return template
