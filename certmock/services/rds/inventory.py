"""What certmock serves of botocore's ``rds`` model (reviewed: see ``REVIEWED_BOTOCORE``):
the certificate-authority operations, and none of the databases."""

from certmock.inventory import ServiceInventory, not_served, served

FILTERS = "RDS documents it as not supported; certmock lists every CA, whatever the filters"
TAGS = "RDS tags: certmock models no taggable RDS resource (certificate authorities have no tags)"
DATABASES = (
    "RDS databases, clusters, snapshots, proxies and their settings: certmock serves RDS's "
    "certificate authorities only"
)

INVENTORY = ServiceInventory(
    "rds",
    served={
        "DescribeCertificates": served(
            "CertificateIdentifier Marker MaxRecords",
            ignored={"Filters": FILTERS},
        ),
        "ModifyCertificates": served("CertificateIdentifier RemoveCustomerOverride"),
    },
    not_served={
        **not_served(TAGS, "AddTagsToResource ListTagsForResource RemoveTagsFromResource"),
        **not_served(
            DATABASES,
            """
            AddDBClusterToDBClusterGroup CreateBranch CreateDBClusterGroup
            CreateDBClusterGroupSnapshot CreateDataGroup DeleteBranch DeleteDBClusterGroup
            DeleteDBClusterGroupAutomatedBackup DeleteDBClusterGroupSnapshot DeleteDataGroup
            DescribeBranches DescribeDBClusterGroupAutomatedBackupMembers
            DescribeDBClusterGroupAutomatedBackups DescribeDBClusterGroupSnapshots
            DescribeDBClusterGroups DescribeDBClusterSnapshotDataGroups
            DescribeDataGroupRestoreWindows DescribeDataGroups ModifyDBClusterGroup
            ModifyDataGroup MoveDataGroup RemoveDBClusterFromDBClusterGroup
            RestoreDBClusterGroupFromSnapshot RestoreDBClusterGroupToPointInTime ResyncIntegration
            AddRoleToDBCluster AddRoleToDBInstance AddSourceIdentifierToSubscription
            ApplyPendingMaintenanceAction AuthorizeDBSecurityGroupIngress BacktrackDBCluster
            CancelDBCapacityReservation CancelExportTask CopyDBClusterParameterGroup
            CopyDBClusterSnapshot CopyDBParameterGroup CopyDBSnapshot CopyOptionGroup
            CreateBlueGreenDeployment CreateCustomDBEngineVersion CreateDBCapacityReservation
            CreateDBCluster CreateDBClusterEndpoint CreateDBClusterParameterGroup
            CreateDBClusterSnapshot CreateDBInstance CreateDBInstanceReadReplica
            CreateDBParameterGroup CreateDBProxy CreateDBProxyEndpoint CreateDBSecurityGroup
            CreateDBShardGroup CreateDBSnapshot CreateDBSubnetGroup CreateEventSubscription
            CreateGlobalCluster CreateIntegration CreateOptionGroup CreateTenantDatabase
            DeleteBlueGreenDeployment DeleteCustomDBEngineVersion DeleteDBCluster
            DeleteDBClusterAutomatedBackup DeleteDBClusterEndpoint DeleteDBClusterParameterGroup
            DeleteDBClusterSnapshot DeleteDBInstance DeleteDBInstanceAutomatedBackup
            DeleteDBParameterGroup DeleteDBProxy DeleteDBProxyEndpoint DeleteDBSecurityGroup
            DeleteDBShardGroup DeleteDBSnapshot DeleteDBSubnetGroup DeleteEventSubscription
            DeleteGlobalCluster DeleteIntegration DeleteOptionGroup DeleteTenantDatabase
            DeregisterDBProxyTargets DescribeAccountAttributes DescribeBlueGreenDeployments
            DescribeDBCapacityReservations DescribeDBClusterAutomatedBackups
            DescribeDBClusterBacktracks DescribeDBClusterEndpoints
            DescribeDBClusterParameterGroups DescribeDBClusterParameters
            DescribeDBClusterSnapshotAttributes DescribeDBClusterSnapshots DescribeDBClusters
            DescribeDBEngineVersions DescribeDBInstanceAutomatedBackups DescribeDBInstances
            DescribeDBLogFiles DescribeDBMajorEngineVersions DescribeDBParameterGroups
            DescribeDBParameters DescribeDBProxies DescribeDBProxyEndpoints
            DescribeDBProxyTargetGroups DescribeDBProxyTargets DescribeDBRecommendations
            DescribeDBSecurityGroups DescribeDBShardGroups DescribeDBSnapshotAttributes
            DescribeDBSnapshotTenantDatabases DescribeDBSnapshots DescribeDBSubnetGroups
            DescribeEngineDefaultClusterParameters DescribeEngineDefaultParameters
            DescribeEventCategories DescribeEventSubscriptions DescribeEvents DescribeExportTasks
            DescribeGlobalClusters DescribeIntegrations DescribeOptionGroupOptions
            DescribeOptionGroups DescribeOrderableDBInstanceOptions
            DescribePendingMaintenanceActions DescribeReservedDBInstances
            DescribeReservedDBInstancesOfferings DescribeServerlessV2PlatformVersions
            DescribeSourceRegions DescribeTenantDatabases DescribeValidDBInstanceModifications
            DisableHttpEndpoint DownloadDBLogFilePortion EnableHttpEndpoint FailoverDBCluster
            FailoverGlobalCluster ModifyActivityStream ModifyCurrentDBClusterCapacity
            ModifyCustomDBEngineVersion ModifyDBCapacityReservation ModifyDBCluster
            ModifyDBClusterEndpoint ModifyDBClusterParameterGroup
            ModifyDBClusterSnapshotAttribute ModifyDBInstance ModifyDBParameterGroup
            ModifyDBProxy ModifyDBProxyEndpoint ModifyDBProxyTargetGroup ModifyDBRecommendation
            ModifyDBShardGroup ModifyDBSnapshot ModifyDBSnapshotAttribute ModifyDBSubnetGroup
            ModifyEventSubscription ModifyGlobalCluster ModifyIntegration ModifyOptionGroup
            ModifyTenantDatabase PromoteReadReplica PromoteReadReplicaDBCluster
            PurchaseReservedDBInstancesOffering RebootDBCluster RebootDBInstance
            RebootDBShardGroup RegisterDBProxyTargets RemoveFromGlobalCluster
            RemoveRoleFromDBCluster RemoveRoleFromDBInstance
            RemoveSourceIdentifierFromSubscription ResetDBClusterParameterGroup
            ResetDBParameterGroup RestoreDBClusterFromS3 RestoreDBClusterFromSnapshot
            RestoreDBClusterToPointInTime RestoreDBInstanceFromDBSnapshot RestoreDBInstanceFromS3
            RestoreDBInstanceToPointInTime RevokeDBSecurityGroupIngress StartActivityStream
            StartDBCluster StartDBInstance StartDBInstanceAutomatedBackupsReplication
            StartExportTask StopActivityStream StopDBCluster StopDBInstance
            StopDBInstanceAutomatedBackupsReplication SwitchoverBlueGreenDeployment
            SwitchoverGlobalCluster SwitchoverReadReplica
            """,
        ),
    },
)
