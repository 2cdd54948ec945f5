"""What certmock serves of botocore's ``apigateway`` model (reviewed: see
``REVIEWED_BOTOCORE``): client certificates and their tags."""

from certmock.inventory import ServiceInventory, not_served, served

ARN = "resourceArn"
NOT_PAGED = "API Gateway documents it as not supported; every tag is returned (at most 50)"
REST_APIS = (
    "REST APIs and the rest of API Gateway: certmock serves client certificates only (moto's "
    "mock_aws can answer these alongside)"
)

INVENTORY = ServiceInventory(
    "apigateway",
    served={
        "GenerateClientCertificate": served("description tags"),
        "GetClientCertificate": served("clientCertificateId"),
        "GetClientCertificates": served("limit position"),
        "UpdateClientCertificate": served("clientCertificateId patchOperations"),
        "DeleteClientCertificate": served("clientCertificateId"),
        "TagResource": served(f"{ARN} tags"),
        "UntagResource": served(f"{ARN} tagKeys"),
        "GetTags": served(ARN, ignored={"limit": NOT_PAGED, "position": NOT_PAGED}),
    },
    not_served=not_served(
        REST_APIS,
        """
        CreateApiKey CreateAuthorizer CreateBasePathMapping CreateDeployment
        CreateDocumentationPart CreateDocumentationVersion CreateDomainName
        CreateDomainNameAccessAssociation CreateModel CreateRequestValidator CreateResource
        CreateRestApi CreateStage CreateUsagePlan CreateUsagePlanKey CreateVpcLink DeleteApiKey
        DeleteAuthorizer DeleteBasePathMapping DeleteDeployment DeleteDocumentationPart
        DeleteDocumentationVersion DeleteDomainName DeleteDomainNameAccessAssociation
        DeleteGatewayResponse DeleteIntegration DeleteIntegrationResponse DeleteMethod
        DeleteMethodResponse DeleteModel DeleteRequestValidator DeleteResource DeleteRestApi
        DeleteStage DeleteUsagePlan DeleteUsagePlanKey DeleteVpcLink FlushStageAuthorizersCache
        FlushStageCache GetAccount GetApiKey GetApiKeys GetAuthorizer GetAuthorizers
        GetBasePathMapping GetBasePathMappings GetDeployment GetDeployments
        GetDocumentationPart GetDocumentationParts GetDocumentationVersion
        GetDocumentationVersions GetDomainName GetDomainNameAccessAssociations GetDomainNames
        GetExport GetGatewayResponse GetGatewayResponses GetIntegration GetIntegrationResponse
        GetMethod GetMethodResponse GetModel GetModelTemplate GetModels GetRequestValidator
        GetRequestValidators GetResource GetResources GetRestApi GetRestApis GetSdk GetSdkType
        GetSdkTypes GetStage GetStages GetUsage GetUsagePlan GetUsagePlanKey GetUsagePlanKeys
        GetUsagePlans GetVpcLink GetVpcLinks ImportApiKeys ImportDocumentationParts
        ImportRestApi PutGatewayResponse PutIntegration PutIntegrationResponse PutMethod
        PutMethodResponse PutRestApi RejectDomainNameAccessAssociation TestInvokeAuthorizer
        TestInvokeMethod UpdateAccount UpdateApiKey UpdateAuthorizer UpdateBasePathMapping
        UpdateDeployment UpdateDocumentationPart UpdateDocumentationVersion UpdateDomainName
        UpdateGatewayResponse UpdateIntegration UpdateIntegrationResponse UpdateMethod
        UpdateMethodResponse UpdateModel UpdateRequestValidator UpdateResource UpdateRestApi
        UpdateStage UpdateUsage UpdateUsagePlan UpdateVpcLink
        """,
    ),
)
