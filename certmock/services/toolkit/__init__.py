"""What several services share, written once and parametrised by each service's data:
idempotency tokens, page tokens, tag rules. (ARNs and partitions are one layer down, in
``certmock.arns`` and ``certmock.partitions``, because the world's directory needs them too.)"""
