"""Who besides the owner may use a CA: its resource policy (PutPolicy, GetPolicy, DeletePolicy)
and its permissions for ACM (CreatePermission, DeletePermission, ListPermissions)."""

from __future__ import annotations

from certmock.errors import ServiceError
from certmock.services.acmpca.access import Authorities
from certmock.services.acmpca.policy import parse_policy
from certmock.services.acmpca.records import ACM_PRINCIPAL, Permission
from certmock.world import Scope


class Permissions:
    def __init__(self, scope: Scope, authorities: Authorities) -> None:
        self.scope = scope
        self.authorities = authorities

    # -- the resource policy --------------------------------------------------------------
    def put_policy(self, arn: str, policy: str) -> None:
        found = self.authorities.usable(arn, "PutPolicy")
        parse_policy(policy)
        found.policy = policy

    def get_policy(self, arn: str) -> str:
        found = self.authorities.usable(arn, "GetPolicy", shared=True)
        if found.policy is None:
            raise ServiceError(
                "ResourceNotFoundException", f"The certificate authority {arn} has no policy."
            )
        return found.policy

    def delete_policy(self, arn: str) -> None:
        # Deleting a policy that is not there succeeds (DeletePolicy API reference).
        self.authorities.usable(arn, "DeletePolicy").policy = None

    # -- permissions for ACM --------------------------------------------------------------
    def create_permission(
        self, arn: str, principal: str, actions: list[str], source_account: str | None = None
    ) -> None:
        found = self.authorities.usable(arn, "CreatePermission")
        if principal != ACM_PRINCIPAL:
            # CreatePermission models no error for another principal and AWS's answer is
            # undocumented: the protocol's ValidationException, not an error it cannot have.
            raise ServiceError(
                "ValidationException",
                f"The principal '{principal}' cannot be given permissions; the only valid "
                f"principal is {ACM_PRINCIPAL}.",
            )
        if principal in found.permissions:
            raise ServiceError(
                "PermissionAlreadyExistsException",
                f"The designated permission has already been given to the user: {principal} "
                f"already has a permission on {arn}.",
            )
        found.permissions[principal] = Permission(
            principal=principal,
            actions=list(dict.fromkeys(actions)),
            source_account=source_account,
            created_at=self.scope.now(),
            sequence=self.scope.world.next_sequence(),
        )

    def delete_permission(
        self, arn: str, principal: str, source_account: str | None = None
    ) -> None:
        found = self.authorities.usable(arn, "DeletePermission")
        permission = found.permissions.get(principal)
        if permission is None or (
            source_account is not None and permission.source_account != source_account
        ):
            raise ServiceError(
                "ResourceNotFoundException",
                f"There is no permission for {principal} on {arn}.",
            )
        del found.permissions[principal]

    def list_permissions(self, arn: str) -> list[Permission]:
        found = self.authorities.usable(arn, "ListPermissions", shared=True)
        return list(found.permissions.values())
