"""boto3 clients pointed at a certmock server, as any user of the server makes them."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config

from certmock.remote import Remote

ACCESS_KEY = "testing"
SECRET = "testing"
# No retries: an error the server sends must reach the test as it was sent.
NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"})


def client(
    remote: Remote,
    service: str,
    *,
    region: str = "eu-west-1",
    access_key: str = ACCESS_KEY,
    config: Config | None = None,
) -> Any:
    session: Any = boto3.Session(
        aws_access_key_id=access_key, aws_secret_access_key=SECRET, region_name=region
    )
    return session.client(
        service,
        endpoint_url=remote.url,
        verify=remote.ca_bundle,
        config=NO_RETRIES.merge(config) if config is not None else NO_RETRIES,
    )
