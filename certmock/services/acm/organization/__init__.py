"""ACM's Certificate inventory for organizations and Certificate actions for organizations
(botocore 1.44.18, ``ServiceType: ACM-INVENTORY``): the organisation's configuration, the
inventory computed from the world's certificates and CAs, and actions on member accounts."""
