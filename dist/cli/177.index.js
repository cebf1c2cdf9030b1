export const id = 177;
export const ids = [177];
export const modules = {

/***/ 3049:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  t$: () => (/* reexport */ createRestError),
  KU: () => (/* reexport */ getClient),
  Iq: () => (/* reexport */ operationOptionsToRequestParameters)
});

// UNUSED EXPORTS: addCredentialPipelinePolicy, getBinaryStreamResponse

// EXTERNAL MODULE: ./node_modules/@typespec/ts-http-runtime/dist/esm/index.js + 21 modules
var esm = __webpack_require__(4449);
;// CONCATENATED MODULE: ./node_modules/@azure-rest/core-client/dist/esm/restError.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

function createRestError(messageOrResponse, response) {
    if (typeof messageOrResponse === "string") {
        return (0,esm/* createRestError */.t$)(messageOrResponse, response);
    }
    else {
        return (0,esm/* createRestError */.t$)(messageOrResponse);
    }
}
//# sourceMappingURL=restError.js.map
// EXTERNAL MODULE: ./node_modules/@azure/core-rest-pipeline/dist/esm/index.js + 38 modules
var dist_esm = __webpack_require__(690);
// EXTERNAL MODULE: ./node_modules/@azure/core-util/dist/esm/index.js + 4 modules
var core_util_dist_esm = __webpack_require__(9105);
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/keyCredential.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

/**
 * Tests an object to determine whether it implements KeyCredential.
 *
 * @param credential - The assumed KeyCredential to be tested.
 */
function isKeyCredential(credential) {
    return (0,core_util_dist_esm/* isObjectWithProperties */.TA)(credential, ["key"]) && typeof credential.key === "string";
}
//# sourceMappingURL=keyCredential.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/azureNamedKeyCredential.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

/**
 * A static name/key-based credential that supports updating
 * the underlying name and key values.
 */
class AzureNamedKeyCredential {
    _key;
    _name;
    /**
     * The value of the key to be used in authentication.
     */
    get key() {
        return this._key;
    }
    /**
     * The value of the name to be used in authentication.
     */
    get name() {
        return this._name;
    }
    /**
     * Create an instance of an AzureNamedKeyCredential for use
     * with a service client.
     *
     * @param name - The initial value of the name to use in authentication.
     * @param key - The initial value of the key to use in authentication.
     */
    constructor(name, key) {
        if (!name || !key) {
            throw new TypeError("name and key must be non-empty strings");
        }
        this._name = name;
        this._key = key;
    }
    /**
     * Change the value of the key.
     *
     * Updates will take effect upon the next request after
     * updating the key value.
     *
     * @param newName - The new name value to be used.
     * @param newKey - The new key value to be used.
     */
    update(newName, newKey) {
        if (!newName || !newKey) {
            throw new TypeError("newName and newKey must be non-empty strings");
        }
        this._name = newName;
        this._key = newKey;
    }
}
/**
 * Tests an object to determine whether it implements NamedKeyCredential.
 *
 * @param credential - The assumed NamedKeyCredential to be tested.
 */
function isNamedKeyCredential(credential) {
    return (isObjectWithProperties(credential, ["name", "key"]) &&
        typeof credential.key === "string" &&
        typeof credential.name === "string");
}
//# sourceMappingURL=azureNamedKeyCredential.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/azureSASCredential.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

/**
 * A static-signature-based credential that supports updating
 * the underlying signature value.
 */
class AzureSASCredential {
    _signature;
    /**
     * The value of the shared access signature to be used in authentication
     */
    get signature() {
        return this._signature;
    }
    /**
     * Create an instance of an AzureSASCredential for use
     * with a service client.
     *
     * @param signature - The initial value of the shared access signature to use in authentication
     */
    constructor(signature) {
        if (!signature) {
            throw new Error("shared access signature must be a non-empty string");
        }
        this._signature = signature;
    }
    /**
     * Change the value of the signature.
     *
     * Updates will take effect upon the next request after
     * updating the signature value.
     *
     * @param newSignature - The new shared access signature value to be used
     */
    update(newSignature) {
        if (!newSignature) {
            throw new Error("shared access signature must be a non-empty string");
        }
        this._signature = newSignature;
    }
}
/**
 * Tests an object to determine whether it implements SASCredential.
 *
 * @param credential - The assumed SASCredential to be tested.
 */
function isSASCredential(credential) {
    return (isObjectWithProperties(credential, ["signature"]) && typeof credential.signature === "string");
}
//# sourceMappingURL=azureSASCredential.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/tokenCredential.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Tests an object to determine whether it implements TokenCredential.
 *
 * @param credential - The assumed TokenCredential to be tested.
 */
function isTokenCredential(credential) {
    // Check for an object with a 'getToken' function and possibly with
    // a 'signRequest' function.  We do this check to make sure that
    // a ServiceClientCredentials implementor (like TokenClientCredentials
    // in ms-rest-nodeauth) doesn't get mistaken for a TokenCredential if
    // it doesn't actually implement TokenCredential also.
    const castCredential = credential;
    return (castCredential &&
        typeof castCredential.getToken === "function" &&
        (castCredential.signRequest === undefined || castCredential.getToken.length > 0));
}
//# sourceMappingURL=tokenCredential.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/index.js





//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure-rest/core-client/dist/esm/apiVersionPolicy.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
const apiVersionPolicyName = "ApiVersionPolicy";
/**
 * Creates a policy that sets the apiVersion as a query parameter on every request
 * @param options - Client options
 * @returns Pipeline policy that sets the apiVersion as a query parameter on every request
 */
function apiVersionPolicy(options) {
    return {
        name: apiVersionPolicyName,
        sendRequest: (req, next) => {
            // Use the apiVesion defined in request url directly
            // Append one if there is no apiVesion and we have one at client options
            const url = new URL(req.url);
            if (!url.searchParams.get("api-version") && options.apiVersion) {
                req.url = `${req.url}${url.searchParams.size > 0 ? "&" : "?"}api-version=${options.apiVersion}`;
            }
            return next(req);
        },
    };
}
//# sourceMappingURL=apiVersionPolicy.js.map
;// CONCATENATED MODULE: ./node_modules/@azure-rest/core-client/dist/esm/keyCredentialAuthenticationPolicy.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * The programmatic identifier of the bearerTokenAuthenticationPolicy.
 */
const keyCredentialAuthenticationPolicyName = "keyCredentialAuthenticationPolicy";
function keyCredentialAuthenticationPolicy(credential, apiKeyHeaderName) {
    return {
        name: keyCredentialAuthenticationPolicyName,
        sendRequest(request, next) {
            request.headers.set(apiKeyHeaderName, credential.key);
            return next(request);
        },
    };
}
//# sourceMappingURL=keyCredentialAuthenticationPolicy.js.map
;// CONCATENATED MODULE: ./node_modules/@azure-rest/core-client/dist/esm/clientHelpers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




/**
 * Adds a credential policy to the pipeline if a credential is provided. If none is provided, no policy is added.
 */
function addCredentialPipelinePolicy(pipeline, endpoint, options = {}) {
    const { credential, clientOptions } = options;
    if (!credential) {
        return;
    }
    if (isTokenCredential(credential)) {
        const tokenPolicy = (0,dist_esm/* bearerTokenAuthenticationPolicy */.N$)({
            credential,
            scopes: clientOptions?.credentials?.scopes ?? `${endpoint}/.default`,
        });
        pipeline.addPolicy(tokenPolicy);
    }
    else if (clientHelpers_isKeyCredential(credential)) {
        if (!clientOptions?.credentials?.apiKeyHeaderName) {
            throw new Error(`Missing API Key Header Name`);
        }
        const keyPolicy = keyCredentialAuthenticationPolicy(credential, clientOptions?.credentials?.apiKeyHeaderName);
        pipeline.addPolicy(keyPolicy);
    }
}
/**
 * Creates a default rest pipeline to re-use accross Rest Level Clients
 */
function createDefaultPipeline(endpoint, credential, options = {}) {
    const pipeline = (0,dist_esm/* createPipelineFromOptions */.Fp)(options);
    pipeline.addPolicy(apiVersionPolicy(options));
    addCredentialPipelinePolicy(pipeline, endpoint, { credential, clientOptions: options });
    return pipeline;
}
function clientHelpers_isKeyCredential(credential) {
    return (typeof credential === "object" &&
        credential !== null &&
        "key" in credential &&
        typeof credential.key === "string");
}
//# sourceMappingURL=clientHelpers.js.map
;// CONCATENATED MODULE: ./node_modules/@azure-rest/core-client/dist/esm/operationOptionHelpers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

/**
 * Helper function to convert OperationOptions to RequestParameters
 * @param options - the options that are used by Modular layer to send the request
 * @returns the result of the conversion in RequestParameters of RLC layer
 */
function operationOptionsToRequestParameters(options) {
    const tspRequestParameters = (0,esm/* operationOptionsToRequestParameters */.Iq)(options);
    return {
        ...tspRequestParameters,
        tracingOptions: options.tracingOptions,
    };
}
//# sourceMappingURL=operationOptionHelpers.js.map
;// CONCATENATED MODULE: ./node_modules/@azure-rest/core-client/dist/esm/getClient.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



/**
 * Function to wrap RequestParameters so that we get the legacy onResponse behavior in core-client-rest
 */
function wrapRequestParameters(parameters) {
    if (parameters.onResponse) {
        return {
            ...parameters,
            onResponse(rawResponse, error) {
                parameters.onResponse?.(rawResponse, error, error);
            },
        };
    }
    return parameters;
}
function getClient(endpoint, credentialsOrPipelineOptions, clientOptions = {}) {
    let credentials;
    if (credentialsOrPipelineOptions) {
        if (isCredential(credentialsOrPipelineOptions)) {
            credentials = credentialsOrPipelineOptions;
        }
        else {
            clientOptions = credentialsOrPipelineOptions ?? {};
        }
    }
    const pipeline = clientOptions.pipeline ?? createDefaultPipeline(endpoint, credentials, clientOptions);
    const tspClient = (0,esm/* getClient */.KU)(endpoint, {
        ...clientOptions,
        pipeline,
    });
    const client = (path, ...args) => {
        return {
            get: (requestOptions = {}) => {
                return tspClient.path(path, ...args).get(wrapRequestParameters(requestOptions));
            },
            post: (requestOptions = {}) => {
                return tspClient.path(path, ...args).post(wrapRequestParameters(requestOptions));
            },
            put: (requestOptions = {}) => {
                return tspClient.path(path, ...args).put(wrapRequestParameters(requestOptions));
            },
            patch: (requestOptions = {}) => {
                return tspClient.path(path, ...args).patch(wrapRequestParameters(requestOptions));
            },
            delete: (requestOptions = {}) => {
                return tspClient.path(path, ...args).delete(wrapRequestParameters(requestOptions));
            },
            head: (requestOptions = {}) => {
                return tspClient.path(path, ...args).head(wrapRequestParameters(requestOptions));
            },
            options: (requestOptions = {}) => {
                return tspClient.path(path, ...args).options(wrapRequestParameters(requestOptions));
            },
            trace: (requestOptions = {}) => {
                return tspClient.path(path, ...args).trace(wrapRequestParameters(requestOptions));
            },
        };
    };
    return {
        path: client,
        pathUnchecked: client,
        pipeline: tspClient.pipeline,
    };
}
function isCredential(param) {
    return isKeyCredential(param) || isTokenCredential(param);
}
//# sourceMappingURL=getClient.js.map
;// CONCATENATED MODULE: ./node_modules/@azure-rest/core-client/dist/esm/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Azure Rest Core Client library for JavaScript
 * @packageDocumentation
 */





//# sourceMappingURL=index.js.map

/***/ }),

/***/ 6177:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AzureClouds: () => (/* reexport */ AzureClouds),
  AzureDatabricksManagementClient: () => (/* reexport */ AzureDatabricksManagementClient),
  KnownAutomaticClusterUpdateValue: () => (/* reexport */ KnownAutomaticClusterUpdateValue),
  KnownComplianceSecurityProfileValue: () => (/* reexport */ KnownComplianceSecurityProfileValue),
  KnownComputeMode: () => (/* reexport */ KnownComputeMode),
  KnownCreatedByType: () => (/* reexport */ KnownCreatedByType),
  KnownCustomParameterType: () => (/* reexport */ KnownCustomParameterType),
  KnownDefaultStorageFirewall: () => (/* reexport */ KnownDefaultStorageFirewall),
  KnownEncryptionKeySource: () => (/* reexport */ KnownEncryptionKeySource),
  KnownEnhancedSecurityMonitoringValue: () => (/* reexport */ KnownEnhancedSecurityMonitoringValue),
  KnownIdentityType: () => (/* reexport */ KnownIdentityType),
  KnownInitialType: () => (/* reexport */ KnownInitialType),
  KnownKeySource: () => (/* reexport */ KnownKeySource),
  KnownManagedServiceIdentityType: () => (/* reexport */ KnownManagedServiceIdentityType),
  KnownPeeringProvisioningState: () => (/* reexport */ KnownPeeringProvisioningState),
  KnownPeeringState: () => (/* reexport */ KnownPeeringState),
  KnownPrivateEndpointConnectionProvisioningState: () => (/* reexport */ KnownPrivateEndpointConnectionProvisioningState),
  KnownPrivateLinkServiceConnectionStatus: () => (/* reexport */ KnownPrivateLinkServiceConnectionStatus),
  KnownProvisioningState: () => (/* reexport */ KnownProvisioningState),
  KnownPublicNetworkAccess: () => (/* reexport */ KnownPublicNetworkAccess),
  KnownRequiredNsgRules: () => (/* reexport */ KnownRequiredNsgRules),
  KnownVersions: () => (/* reexport */ KnownVersions),
  RestError: () => (/* reexport */ core_rest_pipeline_dist_esm/* RestError */.pj),
  isRestError: () => (/* reexport */ core_rest_pipeline_dist_esm/* isRestError */.T0),
  restorePoller: () => (/* reexport */ restorePoller)
});

;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/static-helpers/cloudSettingHelpers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * An enum to describe Azure Cloud environments.
 * @enum {string}
 */
var AzureClouds;
(function (AzureClouds) {
    /** Azure public cloud, which is the default cloud for Azure SDKs. */
    AzureClouds["AZURE_PUBLIC_CLOUD"] = "AZURE_PUBLIC_CLOUD";
    /** Azure China cloud */
    AzureClouds["AZURE_CHINA_CLOUD"] = "AZURE_CHINA_CLOUD";
    /** Azure US government cloud */
    AzureClouds["AZURE_US_GOVERNMENT"] = "AZURE_US_GOVERNMENT";
})(AzureClouds || (AzureClouds = {}));
/**
 * Gets the Azure Resource Manager endpoint URL for the specified cloud setting.
 * @param cloudSetting - The Azure cloud environment setting. Use one of the AzureClouds enum values.
 * @returns The ARM endpoint URL for the specified cloud, or undefined if cloudSetting is undefined.
 * @throws {Error} Throws an error if an unknown cloud setting is provided.
 */
function getArmEndpoint(cloudSetting) {
    if (cloudSetting === undefined) {
        return undefined;
    }
    const cloudEndpoints = {
        AZURE_CHINA_CLOUD: "https://management.chinacloudapi.cn/",
        AZURE_US_GOVERNMENT: "https://management.usgovcloudapi.net/",
        AZURE_PUBLIC_CLOUD: "https://management.azure.com/",
    };
    if (cloudSetting in cloudEndpoints) {
        return cloudEndpoints[cloudSetting];
    }
    else {
        throw new Error(`Unknown cloud setting: ${cloudSetting}. Please refer to the enum AzureClouds for possible values.`);
    }
}
//# sourceMappingURL=cloudSettingHelpers.js.map
// EXTERNAL MODULE: ./node_modules/@azure/logger/dist/esm/index.js + 1 modules
var esm = __webpack_require__(7567);
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/logger.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

const logger = (0,esm/* createClientLogger */.KV)("arm-databricks");
//# sourceMappingURL=logger.js.map
// EXTERNAL MODULE: ./node_modules/@azure-rest/core-client/dist/esm/index.js + 11 modules
var dist_esm = __webpack_require__(3049);
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/api/azureDatabricksManagementContext.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



/** ARM Databricks */
function createAzureDatabricksManagement(credential, subscriptionId, options = {}) {
    const endpointUrl = options.endpoint ?? getArmEndpoint(options.cloudSetting) ?? "https://management.azure.com";
    const prefixFromOptions = options?.userAgentOptions?.userAgentPrefix;
    const userAgentInfo = `azsdk-js-arm-databricks/4.0.0`;
    const userAgentPrefix = prefixFromOptions
        ? `${prefixFromOptions} azsdk-js-api ${userAgentInfo}`
        : `azsdk-js-api ${userAgentInfo}`;
    const { apiVersion: _, ...updatedOptions } = {
        ...options,
        userAgentOptions: { userAgentPrefix },
        loggingOptions: { logger: options.loggingOptions?.logger ?? logger.info },
        credentials: {
            scopes: options.credentials?.scopes ?? ["https://management.azure.com/.default"],
        },
    };
    const clientContext = (0,dist_esm/* getClient */.KU)(endpointUrl, credential, updatedOptions);
    const apiVersion = options.apiVersion;
    return { ...clientContext, apiVersion, subscriptionId };
}
//# sourceMappingURL=azureDatabricksManagementContext.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/api/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/models/models.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _operationListResultDeserializer(item) {
    return {
        value: !item["value"] ? item["value"] : operationArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function operationArrayDeserializer(result) {
    return result.map((item) => {
        return operationDeserializer(item);
    });
}
function operationDeserializer(item) {
    return {
        name: item["name"],
        display: !item["display"] ? item["display"] : operationDisplayDeserializer(item["display"]),
    };
}
function operationDisplayDeserializer(item) {
    return {
        provider: item["provider"],
        resource: item["resource"],
        operation: item["operation"],
        description: item["description"],
    };
}
function errorResponseDeserializer(item) {
    return {
        error: errorInfoDeserializer(item["error"]),
    };
}
function errorInfoDeserializer(item) {
    return {
        code: item["code"],
        message: item["message"],
        details: !item["details"] ? item["details"] : errorDetailArrayDeserializer(item["details"]),
        innererror: item["innererror"],
    };
}
function errorDetailArrayDeserializer(result) {
    return result.map((item) => {
        return errorDetailDeserializer(item);
    });
}
function errorDetailDeserializer(item) {
    return {
        code: item["code"],
        message: item["message"],
        target: item["target"],
    };
}
function workspaceSerializer(item) {
    return {
        tags: item["tags"],
        location: item["location"],
        properties: _workspacePropertiesSerializer(item),
        sku: !item["sku"] ? item["sku"] : skuSerializer(item["sku"]),
    };
}
function workspaceDeserializer(item) {
    return {
        tags: !item["tags"]
            ? item["tags"]
            : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
        location: item["location"],
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        ..._workspacePropertiesDeserializer(item["properties"]),
        sku: !item["sku"] ? item["sku"] : skuDeserializer(item["sku"]),
    };
}
function workspacePropertiesSerializer(item) {
    return {
        computeMode: item["computeMode"],
        managedResourceGroupId: item["managedResourceGroupId"],
        parameters: !item["parameters"]
            ? item["parameters"]
            : workspaceCustomParametersSerializer(item["parameters"]),
        uiDefinitionUri: item["uiDefinitionUri"],
        authorizations: !item["authorizations"]
            ? item["authorizations"]
            : workspaceProviderAuthorizationArraySerializer(item["authorizations"]),
        createdBy: !item["createdBy"] ? item["createdBy"] : createdBySerializer(item["createdBy"]),
        updatedBy: !item["updatedBy"] ? item["updatedBy"] : createdBySerializer(item["updatedBy"]),
        storageAccountIdentity: !item["storageAccountIdentity"]
            ? item["storageAccountIdentity"]
            : managedIdentityConfigurationSerializer(item["storageAccountIdentity"]),
        managedDiskIdentity: !item["managedDiskIdentity"]
            ? item["managedDiskIdentity"]
            : managedIdentityConfigurationSerializer(item["managedDiskIdentity"]),
        encryption: !item["encryption"]
            ? item["encryption"]
            : workspacePropertiesEncryptionSerializer(item["encryption"]),
        enhancedSecurityCompliance: !item["enhancedSecurityCompliance"]
            ? item["enhancedSecurityCompliance"]
            : enhancedSecurityComplianceDefinitionSerializer(item["enhancedSecurityCompliance"]),
        publicNetworkAccess: item["publicNetworkAccess"],
        requiredNsgRules: item["requiredNsgRules"],
        defaultCatalog: !item["defaultCatalog"]
            ? item["defaultCatalog"]
            : defaultCatalogPropertiesSerializer(item["defaultCatalog"]),
        accessConnector: !item["accessConnector"]
            ? item["accessConnector"]
            : workspacePropertiesAccessConnectorSerializer(item["accessConnector"]),
        defaultStorageFirewall: item["defaultStorageFirewall"],
    };
}
function workspacePropertiesDeserializer(item) {
    return {
        computeMode: item["computeMode"],
        managedResourceGroupId: item["managedResourceGroupId"],
        parameters: !item["parameters"]
            ? item["parameters"]
            : workspaceCustomParametersDeserializer(item["parameters"]),
        provisioningState: item["provisioningState"],
        uiDefinitionUri: item["uiDefinitionUri"],
        authorizations: !item["authorizations"]
            ? item["authorizations"]
            : workspaceProviderAuthorizationArrayDeserializer(item["authorizations"]),
        createdBy: !item["createdBy"] ? item["createdBy"] : createdByDeserializer(item["createdBy"]),
        updatedBy: !item["updatedBy"] ? item["updatedBy"] : createdByDeserializer(item["updatedBy"]),
        createdDateTime: !item["createdDateTime"]
            ? item["createdDateTime"]
            : new Date(item["createdDateTime"]),
        workspaceId: item["workspaceId"],
        workspaceUrl: item["workspaceUrl"],
        storageAccountIdentity: !item["storageAccountIdentity"]
            ? item["storageAccountIdentity"]
            : managedIdentityConfigurationDeserializer(item["storageAccountIdentity"]),
        managedDiskIdentity: !item["managedDiskIdentity"]
            ? item["managedDiskIdentity"]
            : managedIdentityConfigurationDeserializer(item["managedDiskIdentity"]),
        diskEncryptionSetId: item["diskEncryptionSetId"],
        encryption: !item["encryption"]
            ? item["encryption"]
            : workspacePropertiesEncryptionDeserializer(item["encryption"]),
        enhancedSecurityCompliance: !item["enhancedSecurityCompliance"]
            ? item["enhancedSecurityCompliance"]
            : enhancedSecurityComplianceDefinitionDeserializer(item["enhancedSecurityCompliance"]),
        privateEndpointConnections: !item["privateEndpointConnections"]
            ? item["privateEndpointConnections"]
            : privateEndpointConnectionArrayDeserializer(item["privateEndpointConnections"]),
        publicNetworkAccess: item["publicNetworkAccess"],
        requiredNsgRules: item["requiredNsgRules"],
        defaultCatalog: !item["defaultCatalog"]
            ? item["defaultCatalog"]
            : defaultCatalogPropertiesDeserializer(item["defaultCatalog"]),
        isUcEnabled: item["isUcEnabled"],
        accessConnector: !item["accessConnector"]
            ? item["accessConnector"]
            : workspacePropertiesAccessConnectorDeserializer(item["accessConnector"]),
        defaultStorageFirewall: item["defaultStorageFirewall"],
    };
}
/** The workspace compute mode. Required on create, cannot be changed. Possible values include: 'Serverless', 'Hybrid' */
var KnownComputeMode;
(function (KnownComputeMode) {
    /** Serverless */
    KnownComputeMode["Serverless"] = "Serverless";
    /** Hybrid */
    KnownComputeMode["Hybrid"] = "Hybrid";
})(KnownComputeMode || (KnownComputeMode = {}));
function workspaceCustomParametersSerializer(item) {
    return {
        amlWorkspaceId: !item["amlWorkspaceId"]
            ? item["amlWorkspaceId"]
            : workspaceCustomStringParameterSerializer(item["amlWorkspaceId"]),
        customVirtualNetworkId: !item["customVirtualNetworkId"]
            ? item["customVirtualNetworkId"]
            : workspaceCustomStringParameterSerializer(item["customVirtualNetworkId"]),
        customPublicSubnetName: !item["customPublicSubnetName"]
            ? item["customPublicSubnetName"]
            : workspaceCustomStringParameterSerializer(item["customPublicSubnetName"]),
        customPrivateSubnetName: !item["customPrivateSubnetName"]
            ? item["customPrivateSubnetName"]
            : workspaceCustomStringParameterSerializer(item["customPrivateSubnetName"]),
        enableNoPublicIp: !item["enableNoPublicIp"]
            ? item["enableNoPublicIp"]
            : workspaceNoPublicIPBooleanParameterSerializer(item["enableNoPublicIp"]),
        loadBalancerBackendPoolName: !item["loadBalancerBackendPoolName"]
            ? item["loadBalancerBackendPoolName"]
            : workspaceCustomStringParameterSerializer(item["loadBalancerBackendPoolName"]),
        loadBalancerId: !item["loadBalancerId"]
            ? item["loadBalancerId"]
            : workspaceCustomStringParameterSerializer(item["loadBalancerId"]),
        natGatewayName: !item["natGatewayName"]
            ? item["natGatewayName"]
            : workspaceCustomStringParameterSerializer(item["natGatewayName"]),
        publicIpName: !item["publicIpName"]
            ? item["publicIpName"]
            : workspaceCustomStringParameterSerializer(item["publicIpName"]),
        prepareEncryption: !item["prepareEncryption"]
            ? item["prepareEncryption"]
            : workspaceCustomBooleanParameterSerializer(item["prepareEncryption"]),
        encryption: !item["encryption"]
            ? item["encryption"]
            : workspaceEncryptionParameterSerializer(item["encryption"]),
        requireInfrastructureEncryption: !item["requireInfrastructureEncryption"]
            ? item["requireInfrastructureEncryption"]
            : workspaceCustomBooleanParameterSerializer(item["requireInfrastructureEncryption"]),
        storageAccountName: !item["storageAccountName"]
            ? item["storageAccountName"]
            : workspaceCustomStringParameterSerializer(item["storageAccountName"]),
        storageAccountSkuName: !item["storageAccountSkuName"]
            ? item["storageAccountSkuName"]
            : workspaceCustomStringParameterSerializer(item["storageAccountSkuName"]),
        vnetAddressPrefix: !item["vnetAddressPrefix"]
            ? item["vnetAddressPrefix"]
            : workspaceCustomStringParameterSerializer(item["vnetAddressPrefix"]),
    };
}
function workspaceCustomParametersDeserializer(item) {
    return {
        amlWorkspaceId: !item["amlWorkspaceId"]
            ? item["amlWorkspaceId"]
            : workspaceCustomStringParameterDeserializer(item["amlWorkspaceId"]),
        customVirtualNetworkId: !item["customVirtualNetworkId"]
            ? item["customVirtualNetworkId"]
            : workspaceCustomStringParameterDeserializer(item["customVirtualNetworkId"]),
        customPublicSubnetName: !item["customPublicSubnetName"]
            ? item["customPublicSubnetName"]
            : workspaceCustomStringParameterDeserializer(item["customPublicSubnetName"]),
        customPrivateSubnetName: !item["customPrivateSubnetName"]
            ? item["customPrivateSubnetName"]
            : workspaceCustomStringParameterDeserializer(item["customPrivateSubnetName"]),
        enableNoPublicIp: !item["enableNoPublicIp"]
            ? item["enableNoPublicIp"]
            : workspaceNoPublicIPBooleanParameterDeserializer(item["enableNoPublicIp"]),
        loadBalancerBackendPoolName: !item["loadBalancerBackendPoolName"]
            ? item["loadBalancerBackendPoolName"]
            : workspaceCustomStringParameterDeserializer(item["loadBalancerBackendPoolName"]),
        loadBalancerId: !item["loadBalancerId"]
            ? item["loadBalancerId"]
            : workspaceCustomStringParameterDeserializer(item["loadBalancerId"]),
        natGatewayName: !item["natGatewayName"]
            ? item["natGatewayName"]
            : workspaceCustomStringParameterDeserializer(item["natGatewayName"]),
        publicIpName: !item["publicIpName"]
            ? item["publicIpName"]
            : workspaceCustomStringParameterDeserializer(item["publicIpName"]),
        prepareEncryption: !item["prepareEncryption"]
            ? item["prepareEncryption"]
            : workspaceCustomBooleanParameterDeserializer(item["prepareEncryption"]),
        encryption: !item["encryption"]
            ? item["encryption"]
            : workspaceEncryptionParameterDeserializer(item["encryption"]),
        requireInfrastructureEncryption: !item["requireInfrastructureEncryption"]
            ? item["requireInfrastructureEncryption"]
            : workspaceCustomBooleanParameterDeserializer(item["requireInfrastructureEncryption"]),
        storageAccountName: !item["storageAccountName"]
            ? item["storageAccountName"]
            : workspaceCustomStringParameterDeserializer(item["storageAccountName"]),
        storageAccountSkuName: !item["storageAccountSkuName"]
            ? item["storageAccountSkuName"]
            : workspaceCustomStringParameterDeserializer(item["storageAccountSkuName"]),
        vnetAddressPrefix: !item["vnetAddressPrefix"]
            ? item["vnetAddressPrefix"]
            : workspaceCustomStringParameterDeserializer(item["vnetAddressPrefix"]),
        resourceTags: !item["resourceTags"]
            ? item["resourceTags"]
            : workspaceCustomObjectParameterDeserializer(item["resourceTags"]),
    };
}
function workspaceCustomStringParameterSerializer(item) {
    return { type: item["type"], value: item["value"] };
}
function workspaceCustomStringParameterDeserializer(item) {
    return {
        type: item["type"],
        value: item["value"],
    };
}
/** The workspace's custom parameters. */
var KnownCustomParameterType;
(function (KnownCustomParameterType) {
    /** Bool */
    KnownCustomParameterType["Bool"] = "Bool";
    /** Object */
    KnownCustomParameterType["Object"] = "Object";
    /** String */
    KnownCustomParameterType["String"] = "String";
})(KnownCustomParameterType || (KnownCustomParameterType = {}));
function workspaceNoPublicIPBooleanParameterSerializer(item) {
    return { type: item["type"], value: item["value"] };
}
function workspaceNoPublicIPBooleanParameterDeserializer(item) {
    return {
        type: item["type"],
        value: item["value"],
    };
}
function workspaceCustomBooleanParameterSerializer(item) {
    return { type: item["type"], value: item["value"] };
}
function workspaceCustomBooleanParameterDeserializer(item) {
    return {
        type: item["type"],
        value: item["value"],
    };
}
function workspaceEncryptionParameterSerializer(item) {
    return {
        type: item["type"],
        value: !item["value"] ? item["value"] : encryptionSerializer(item["value"]),
    };
}
function workspaceEncryptionParameterDeserializer(item) {
    return {
        type: item["type"],
        value: !item["value"] ? item["value"] : encryptionDeserializer(item["value"]),
    };
}
function encryptionSerializer(item) {
    return {
        keySource: item["keySource"],
        KeyName: item["keyName"],
        keyversion: item["keyVersion"],
        keyvaulturi: item["keyVaultUri"],
    };
}
function encryptionDeserializer(item) {
    return {
        keySource: item["keySource"],
        keyName: item["KeyName"],
        keyVersion: item["keyversion"],
        keyVaultUri: item["keyvaulturi"],
    };
}
/** The encryption keySource (provider). Possible values (case-insensitive):  Default, Microsoft.Keyvault */
var KnownKeySource;
(function (KnownKeySource) {
    /** Default */
    KnownKeySource["Default"] = "Default";
    /** Microsoft.Keyvault */
    KnownKeySource["MicrosoftKeyvault"] = "Microsoft.Keyvault";
})(KnownKeySource || (KnownKeySource = {}));
function workspaceCustomObjectParameterDeserializer(item) {
    return {
        type: item["type"],
        value: item["value"],
    };
}
/** Provisioning status of the workspace. */
var KnownProvisioningState;
(function (KnownProvisioningState) {
    /** Accepted */
    KnownProvisioningState["Accepted"] = "Accepted";
    /** Running */
    KnownProvisioningState["Running"] = "Running";
    /** Ready */
    KnownProvisioningState["Ready"] = "Ready";
    /** Creating */
    KnownProvisioningState["Creating"] = "Creating";
    /** Created */
    KnownProvisioningState["Created"] = "Created";
    /** Deleting */
    KnownProvisioningState["Deleting"] = "Deleting";
    /** Deleted */
    KnownProvisioningState["Deleted"] = "Deleted";
    /** Canceled */
    KnownProvisioningState["Canceled"] = "Canceled";
    /** Failed */
    KnownProvisioningState["Failed"] = "Failed";
    /** Succeeded */
    KnownProvisioningState["Succeeded"] = "Succeeded";
    /** Updating */
    KnownProvisioningState["Updating"] = "Updating";
})(KnownProvisioningState || (KnownProvisioningState = {}));
function workspaceProviderAuthorizationArraySerializer(result) {
    return result.map((item) => {
        return workspaceProviderAuthorizationSerializer(item);
    });
}
function workspaceProviderAuthorizationArrayDeserializer(result) {
    return result.map((item) => {
        return workspaceProviderAuthorizationDeserializer(item);
    });
}
function workspaceProviderAuthorizationSerializer(item) {
    return { principalId: item["principalId"], roleDefinitionId: item["roleDefinitionId"] };
}
function workspaceProviderAuthorizationDeserializer(item) {
    return {
        principalId: item["principalId"],
        roleDefinitionId: item["roleDefinitionId"],
    };
}
function createdBySerializer(_item) {
    return {};
}
function createdByDeserializer(item) {
    return {
        oid: item["oid"],
        puid: item["puid"],
        applicationId: item["applicationId"],
    };
}
function managedIdentityConfigurationSerializer(_item) {
    return {};
}
function managedIdentityConfigurationDeserializer(item) {
    return {
        principalId: item["principalId"],
        tenantId: item["tenantId"],
        type: item["type"],
    };
}
function workspacePropertiesEncryptionSerializer(item) {
    return { entities: encryptionEntitiesDefinitionSerializer(item["entities"]) };
}
function workspacePropertiesEncryptionDeserializer(item) {
    return {
        entities: encryptionEntitiesDefinitionDeserializer(item["entities"]),
    };
}
function encryptionEntitiesDefinitionSerializer(item) {
    return {
        managedServices: !item["managedServices"]
            ? item["managedServices"]
            : encryptionV2Serializer(item["managedServices"]),
        managedDisk: !item["managedDisk"]
            ? item["managedDisk"]
            : managedDiskEncryptionSerializer(item["managedDisk"]),
    };
}
function encryptionEntitiesDefinitionDeserializer(item) {
    return {
        managedServices: !item["managedServices"]
            ? item["managedServices"]
            : encryptionV2Deserializer(item["managedServices"]),
        managedDisk: !item["managedDisk"]
            ? item["managedDisk"]
            : managedDiskEncryptionDeserializer(item["managedDisk"]),
    };
}
function encryptionV2Serializer(item) {
    return {
        keySource: item["keySource"],
        keyVaultProperties: !item["keyVaultProperties"]
            ? item["keyVaultProperties"]
            : encryptionV2KeyVaultPropertiesSerializer(item["keyVaultProperties"]),
    };
}
function encryptionV2Deserializer(item) {
    return {
        keySource: item["keySource"],
        keyVaultProperties: !item["keyVaultProperties"]
            ? item["keyVaultProperties"]
            : encryptionV2KeyVaultPropertiesDeserializer(item["keyVaultProperties"]),
    };
}
/** The encryption keySource (provider). Possible values (case-insensitive):  Microsoft.Keyvault */
var KnownEncryptionKeySource;
(function (KnownEncryptionKeySource) {
    /** Microsoft.Keyvault */
    KnownEncryptionKeySource["MicrosoftKeyvault"] = "Microsoft.Keyvault";
})(KnownEncryptionKeySource || (KnownEncryptionKeySource = {}));
function encryptionV2KeyVaultPropertiesSerializer(item) {
    return {
        keyVaultUri: item["keyVaultUri"],
        keyName: item["keyName"],
        keyVersion: item["keyVersion"],
    };
}
function encryptionV2KeyVaultPropertiesDeserializer(item) {
    return {
        keyVaultUri: item["keyVaultUri"],
        keyName: item["keyName"],
        keyVersion: item["keyVersion"],
    };
}
function managedDiskEncryptionSerializer(item) {
    return {
        keySource: item["keySource"],
        keyVaultProperties: managedDiskEncryptionKeyVaultPropertiesSerializer(item["keyVaultProperties"]),
        rotationToLatestKeyVersionEnabled: item["rotationToLatestKeyVersionEnabled"],
    };
}
function managedDiskEncryptionDeserializer(item) {
    return {
        keySource: item["keySource"],
        keyVaultProperties: managedDiskEncryptionKeyVaultPropertiesDeserializer(item["keyVaultProperties"]),
        rotationToLatestKeyVersionEnabled: item["rotationToLatestKeyVersionEnabled"],
    };
}
function managedDiskEncryptionKeyVaultPropertiesSerializer(item) {
    return {
        keyVaultUri: item["keyVaultUri"],
        keyName: item["keyName"],
        keyVersion: item["keyVersion"],
    };
}
function managedDiskEncryptionKeyVaultPropertiesDeserializer(item) {
    return {
        keyVaultUri: item["keyVaultUri"],
        keyName: item["keyName"],
        keyVersion: item["keyVersion"],
    };
}
function enhancedSecurityComplianceDefinitionSerializer(item) {
    return {
        automaticClusterUpdate: !item["automaticClusterUpdate"]
            ? item["automaticClusterUpdate"]
            : automaticClusterUpdateDefinitionSerializer(item["automaticClusterUpdate"]),
        complianceSecurityProfile: !item["complianceSecurityProfile"]
            ? item["complianceSecurityProfile"]
            : complianceSecurityProfileDefinitionSerializer(item["complianceSecurityProfile"]),
        enhancedSecurityMonitoring: !item["enhancedSecurityMonitoring"]
            ? item["enhancedSecurityMonitoring"]
            : enhancedSecurityMonitoringDefinitionSerializer(item["enhancedSecurityMonitoring"]),
    };
}
function enhancedSecurityComplianceDefinitionDeserializer(item) {
    return {
        automaticClusterUpdate: !item["automaticClusterUpdate"]
            ? item["automaticClusterUpdate"]
            : automaticClusterUpdateDefinitionDeserializer(item["automaticClusterUpdate"]),
        complianceSecurityProfile: !item["complianceSecurityProfile"]
            ? item["complianceSecurityProfile"]
            : complianceSecurityProfileDefinitionDeserializer(item["complianceSecurityProfile"]),
        enhancedSecurityMonitoring: !item["enhancedSecurityMonitoring"]
            ? item["enhancedSecurityMonitoring"]
            : enhancedSecurityMonitoringDefinitionDeserializer(item["enhancedSecurityMonitoring"]),
    };
}
function automaticClusterUpdateDefinitionSerializer(item) {
    return { value: item["value"] };
}
function automaticClusterUpdateDefinitionDeserializer(item) {
    return {
        value: item["value"],
    };
}
/** Known values of {@link AutomaticClusterUpdateValue} that the service accepts. */
var KnownAutomaticClusterUpdateValue;
(function (KnownAutomaticClusterUpdateValue) {
    /** Enabled */
    KnownAutomaticClusterUpdateValue["Enabled"] = "Enabled";
    /** Disabled */
    KnownAutomaticClusterUpdateValue["Disabled"] = "Disabled";
})(KnownAutomaticClusterUpdateValue || (KnownAutomaticClusterUpdateValue = {}));
function complianceSecurityProfileDefinitionSerializer(item) {
    return {
        complianceStandards: !item["complianceStandards"]
            ? item["complianceStandards"]
            : item["complianceStandards"].map((p) => {
                return p;
            }),
        value: item["value"],
    };
}
function complianceSecurityProfileDefinitionDeserializer(item) {
    return {
        complianceStandards: !item["complianceStandards"]
            ? item["complianceStandards"]
            : item["complianceStandards"].map((p) => {
                return p;
            }),
        value: item["value"],
    };
}
/** Known values of {@link ComplianceSecurityProfileValue} that the service accepts. */
var KnownComplianceSecurityProfileValue;
(function (KnownComplianceSecurityProfileValue) {
    /** Enabled */
    KnownComplianceSecurityProfileValue["Enabled"] = "Enabled";
    /** Disabled */
    KnownComplianceSecurityProfileValue["Disabled"] = "Disabled";
})(KnownComplianceSecurityProfileValue || (KnownComplianceSecurityProfileValue = {}));
function enhancedSecurityMonitoringDefinitionSerializer(item) {
    return { value: item["value"] };
}
function enhancedSecurityMonitoringDefinitionDeserializer(item) {
    return {
        value: item["value"],
    };
}
/** Known values of {@link EnhancedSecurityMonitoringValue} that the service accepts. */
var KnownEnhancedSecurityMonitoringValue;
(function (KnownEnhancedSecurityMonitoringValue) {
    /** Enabled */
    KnownEnhancedSecurityMonitoringValue["Enabled"] = "Enabled";
    /** Disabled */
    KnownEnhancedSecurityMonitoringValue["Disabled"] = "Disabled";
})(KnownEnhancedSecurityMonitoringValue || (KnownEnhancedSecurityMonitoringValue = {}));
function privateEndpointConnectionArraySerializer(result) {
    return result.map((item) => {
        return privateEndpointConnectionSerializer(item);
    });
}
function privateEndpointConnectionArrayDeserializer(result) {
    return result.map((item) => {
        return privateEndpointConnectionDeserializer(item);
    });
}
function privateEndpointConnectionSerializer(item) {
    return { properties: privateEndpointConnectionPropertiesSerializer(item["properties"]) };
}
function privateEndpointConnectionDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        properties: privateEndpointConnectionPropertiesDeserializer(item["properties"]),
    };
}
function privateEndpointConnectionPropertiesSerializer(item) {
    return {
        privateEndpoint: !item["privateEndpoint"]
            ? item["privateEndpoint"]
            : privateEndpointSerializer(item["privateEndpoint"]),
        groupIds: !item["groupIds"]
            ? item["groupIds"]
            : item["groupIds"].map((p) => {
                return p;
            }),
        privateLinkServiceConnectionState: privateLinkServiceConnectionStateSerializer(item["privateLinkServiceConnectionState"]),
    };
}
function privateEndpointConnectionPropertiesDeserializer(item) {
    return {
        privateEndpoint: !item["privateEndpoint"]
            ? item["privateEndpoint"]
            : privateEndpointDeserializer(item["privateEndpoint"]),
        groupIds: !item["groupIds"]
            ? item["groupIds"]
            : item["groupIds"].map((p) => {
                return p;
            }),
        privateLinkServiceConnectionState: privateLinkServiceConnectionStateDeserializer(item["privateLinkServiceConnectionState"]),
        provisioningState: item["provisioningState"],
    };
}
function privateEndpointSerializer(_item) {
    return {};
}
function privateEndpointDeserializer(item) {
    return {
        id: item["id"],
    };
}
function privateLinkServiceConnectionStateSerializer(item) {
    return {
        status: item["status"],
        description: item["description"],
        actionsRequired: item["actionsRequired"],
    };
}
function privateLinkServiceConnectionStateDeserializer(item) {
    return {
        status: item["status"],
        description: item["description"],
        actionsRequired: item["actionsRequired"],
    };
}
/** The status of a private endpoint connection */
var KnownPrivateLinkServiceConnectionStatus;
(function (KnownPrivateLinkServiceConnectionStatus) {
    /** Pending */
    KnownPrivateLinkServiceConnectionStatus["Pending"] = "Pending";
    /** Approved */
    KnownPrivateLinkServiceConnectionStatus["Approved"] = "Approved";
    /** Rejected */
    KnownPrivateLinkServiceConnectionStatus["Rejected"] = "Rejected";
    /** Disconnected */
    KnownPrivateLinkServiceConnectionStatus["Disconnected"] = "Disconnected";
})(KnownPrivateLinkServiceConnectionStatus || (KnownPrivateLinkServiceConnectionStatus = {}));
/** The current provisioning state. */
var KnownPrivateEndpointConnectionProvisioningState;
(function (KnownPrivateEndpointConnectionProvisioningState) {
    /** Succeeded */
    KnownPrivateEndpointConnectionProvisioningState["Succeeded"] = "Succeeded";
    /** Creating */
    KnownPrivateEndpointConnectionProvisioningState["Creating"] = "Creating";
    /** Updating */
    KnownPrivateEndpointConnectionProvisioningState["Updating"] = "Updating";
    /** Deleting */
    KnownPrivateEndpointConnectionProvisioningState["Deleting"] = "Deleting";
    /** Failed */
    KnownPrivateEndpointConnectionProvisioningState["Failed"] = "Failed";
})(KnownPrivateEndpointConnectionProvisioningState || (KnownPrivateEndpointConnectionProvisioningState = {}));
/** The network access type for accessing workspace. Set value to disabled to access workspace only via private link. Used to configure front-end only private link for Serverless ComputeMode workspace. */
var KnownPublicNetworkAccess;
(function (KnownPublicNetworkAccess) {
    /** Enabled */
    KnownPublicNetworkAccess["Enabled"] = "Enabled";
    /** Disabled */
    KnownPublicNetworkAccess["Disabled"] = "Disabled";
})(KnownPublicNetworkAccess || (KnownPublicNetworkAccess = {}));
/** Gets or sets a value indicating whether data plane (clusters) to control plane communication happen over private endpoint. Supported values are 'AllRules' and 'NoAzureDatabricksRules'. 'NoAzureServiceRules' value is for internal use only. Not allowed in Serverless ComputeMode workspace. */
var KnownRequiredNsgRules;
(function (KnownRequiredNsgRules) {
    /** AllRules */
    KnownRequiredNsgRules["AllRules"] = "AllRules";
    /** NoAzureDatabricksRules */
    KnownRequiredNsgRules["NoAzureDatabricksRules"] = "NoAzureDatabricksRules";
    /** NoAzureServiceRules */
    KnownRequiredNsgRules["NoAzureServiceRules"] = "NoAzureServiceRules";
})(KnownRequiredNsgRules || (KnownRequiredNsgRules = {}));
function defaultCatalogPropertiesSerializer(item) {
    return { initialType: item["initialType"], initialName: item["initialName"] };
}
function defaultCatalogPropertiesDeserializer(item) {
    return {
        initialType: item["initialType"],
        initialName: item["initialName"],
    };
}
/** Defines the initial type of the default catalog. Possible values (case-insensitive):  HiveMetastore, UnityCatalog */
var KnownInitialType;
(function (KnownInitialType) {
    /** HiveMetastore */
    KnownInitialType["HiveMetastore"] = "HiveMetastore";
    /** UnityCatalog */
    KnownInitialType["UnityCatalog"] = "UnityCatalog";
})(KnownInitialType || (KnownInitialType = {}));
function workspacePropertiesAccessConnectorSerializer(item) {
    return {
        id: item["id"],
        identityType: item["identityType"],
        userAssignedIdentityId: item["userAssignedIdentityId"],
    };
}
function workspacePropertiesAccessConnectorDeserializer(item) {
    return {
        id: item["id"],
        identityType: item["identityType"],
        userAssignedIdentityId: item["userAssignedIdentityId"],
    };
}
/** The identity type of the Access Connector Resource. */
var KnownIdentityType;
(function (KnownIdentityType) {
    /** SystemAssigned */
    KnownIdentityType["SystemAssigned"] = "SystemAssigned";
    /** UserAssigned */
    KnownIdentityType["UserAssigned"] = "UserAssigned";
})(KnownIdentityType || (KnownIdentityType = {}));
/** Gets or Sets Default Storage Firewall configuration information. Not allowed in Serverless ComputeMode workspace. */
var KnownDefaultStorageFirewall;
(function (KnownDefaultStorageFirewall) {
    /** Disabled */
    KnownDefaultStorageFirewall["Disabled"] = "Disabled";
    /** Enabled */
    KnownDefaultStorageFirewall["Enabled"] = "Enabled";
})(KnownDefaultStorageFirewall || (KnownDefaultStorageFirewall = {}));
function skuSerializer(item) {
    return { name: item["name"], tier: item["tier"] };
}
function skuDeserializer(item) {
    return {
        name: item["name"],
        tier: item["tier"],
    };
}
function proxyResourceSerializer(_item) {
    return {};
}
function proxyResourceDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
    };
}
function resourceSerializer(_item) {
    return {};
}
function resourceDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
    };
}
function systemDataDeserializer(item) {
    return {
        createdBy: item["createdBy"],
        createdByType: item["createdByType"],
        createdAt: !item["createdAt"] ? item["createdAt"] : new Date(item["createdAt"]),
        lastModifiedBy: item["lastModifiedBy"],
        lastModifiedByType: item["lastModifiedByType"],
        lastModifiedAt: !item["lastModifiedAt"]
            ? item["lastModifiedAt"]
            : new Date(item["lastModifiedAt"]),
    };
}
/** The kind of entity that created the resource. */
var KnownCreatedByType;
(function (KnownCreatedByType) {
    /** The entity was created by a user. */
    KnownCreatedByType["User"] = "User";
    /** The entity was created by an application. */
    KnownCreatedByType["Application"] = "Application";
    /** The entity was created by a managed identity. */
    KnownCreatedByType["ManagedIdentity"] = "ManagedIdentity";
    /** The entity was created by a key. */
    KnownCreatedByType["Key"] = "Key";
})(KnownCreatedByType || (KnownCreatedByType = {}));
function trackedResourceSerializer(item) {
    return { tags: item["tags"], location: item["location"] };
}
function trackedResourceDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        tags: !item["tags"]
            ? item["tags"]
            : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
        location: item["location"],
    };
}
function workspaceUpdateSerializer(item) {
    return { tags: item["tags"] };
}
function _workspaceListResultDeserializer(item) {
    return {
        value: workspaceArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function workspaceArraySerializer(result) {
    return result.map((item) => {
        return workspaceSerializer(item);
    });
}
function workspaceArrayDeserializer(result) {
    return result.map((item) => {
        return workspaceDeserializer(item);
    });
}
function _privateEndpointConnectionsListDeserializer(item) {
    return {
        value: privateEndpointConnectionArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function accessConnectorSerializer(item) {
    return {
        tags: item["tags"],
        location: item["location"],
        properties: !item["properties"]
            ? item["properties"]
            : accessConnectorPropertiesSerializer(item["properties"]),
        identity: !item["identity"]
            ? item["identity"]
            : managedServiceIdentitySerializer(item["identity"]),
    };
}
function accessConnectorDeserializer(item) {
    return {
        tags: !item["tags"]
            ? item["tags"]
            : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
        location: item["location"],
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        properties: !item["properties"]
            ? item["properties"]
            : accessConnectorPropertiesDeserializer(item["properties"]),
        identity: !item["identity"]
            ? item["identity"]
            : managedServiceIdentityDeserializer(item["identity"]),
    };
}
function accessConnectorPropertiesSerializer(_item) {
    return {};
}
function accessConnectorPropertiesDeserializer(item) {
    return {
        provisioningState: item["provisioningState"],
        referedBy: !item["referedBy"]
            ? item["referedBy"]
            : item["referedBy"].map((p) => {
                return p;
            }),
    };
}
function managedServiceIdentitySerializer(item) {
    return { type: item["type"], userAssignedIdentities: item["userAssignedIdentities"] };
}
function managedServiceIdentityDeserializer(item) {
    return {
        principalId: item["principalId"],
        tenantId: item["tenantId"],
        type: item["type"],
        userAssignedIdentities: !item["userAssignedIdentities"]
            ? item["userAssignedIdentities"]
            : Object.fromEntries(Object.entries(item["userAssignedIdentities"]).map(([k, p]) => [
                k,
                !p ? p : userAssignedIdentityDeserializer(p),
            ])),
    };
}
/** Type of managed service identity (where both SystemAssigned and UserAssigned types are allowed). */
var KnownManagedServiceIdentityType;
(function (KnownManagedServiceIdentityType) {
    /** No managed identity. */
    KnownManagedServiceIdentityType["None"] = "None";
    /** System assigned managed identity. */
    KnownManagedServiceIdentityType["SystemAssigned"] = "SystemAssigned";
    /** User assigned managed identity. */
    KnownManagedServiceIdentityType["UserAssigned"] = "UserAssigned";
    /** System and user assigned managed identity. */
    KnownManagedServiceIdentityType["SystemAssignedUserAssigned"] = "SystemAssigned,UserAssigned";
})(KnownManagedServiceIdentityType || (KnownManagedServiceIdentityType = {}));
function userAssignedIdentitySerializer(_item) {
    return {};
}
function userAssignedIdentityDeserializer(item) {
    return {
        principalId: item["principalId"],
        clientId: item["clientId"],
    };
}
function accessConnectorUpdateSerializer(item) {
    return {
        tags: item["tags"],
        identity: !item["identity"]
            ? item["identity"]
            : managedServiceIdentitySerializer(item["identity"]),
    };
}
function _accessConnectorListResultDeserializer(item) {
    return {
        value: accessConnectorArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function accessConnectorArraySerializer(result) {
    return result.map((item) => {
        return accessConnectorSerializer(item);
    });
}
function accessConnectorArrayDeserializer(result) {
    return result.map((item) => {
        return accessConnectorDeserializer(item);
    });
}
function outboundEnvironmentEndpointDeserializer(item) {
    return {
        category: item["category"],
        endpoints: !item["endpoints"]
            ? item["endpoints"]
            : endpointDependencyArrayDeserializer(item["endpoints"]),
    };
}
function endpointDependencyArrayDeserializer(result) {
    return result.map((item) => {
        return endpointDependencyDeserializer(item);
    });
}
function endpointDependencyDeserializer(item) {
    return {
        domainName: item["domainName"],
        endpointDetails: !item["endpointDetails"]
            ? item["endpointDetails"]
            : endpointDetailArrayDeserializer(item["endpointDetails"]),
    };
}
function endpointDetailArrayDeserializer(result) {
    return result.map((item) => {
        return endpointDetailDeserializer(item);
    });
}
function endpointDetailDeserializer(item) {
    return {
        ipAddress: item["ipAddress"],
        port: item["port"],
        latency: item["latency"],
        isAccessible: item["isAccessible"],
    };
}
function groupIdInformationDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        properties: groupIdInformationPropertiesDeserializer(item["properties"]),
    };
}
function groupIdInformationPropertiesDeserializer(item) {
    return {
        groupId: item["groupId"],
        requiredMembers: !item["requiredMembers"]
            ? item["requiredMembers"]
            : item["requiredMembers"].map((p) => {
                return p;
            }),
        requiredZoneNames: !item["requiredZoneNames"]
            ? item["requiredZoneNames"]
            : item["requiredZoneNames"].map((p) => {
                return p;
            }),
    };
}
function _privateLinkResourcesListDeserializer(item) {
    return {
        value: groupIdInformationArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function groupIdInformationArrayDeserializer(result) {
    return result.map((item) => {
        return groupIdInformationDeserializer(item);
    });
}
function virtualNetworkPeeringSerializer(item) {
    return { properties: _virtualNetworkPeeringPropertiesSerializer(item) };
}
function virtualNetworkPeeringDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        ..._virtualNetworkPeeringPropertiesDeserializer(item["properties"]),
    };
}
function virtualNetworkPeeringPropertiesFormatSerializer(item) {
    return {
        allowVirtualNetworkAccess: item["allowVirtualNetworkAccess"],
        allowForwardedTraffic: item["allowForwardedTraffic"],
        allowGatewayTransit: item["allowGatewayTransit"],
        useRemoteGateways: item["useRemoteGateways"],
        databricksVirtualNetwork: !item["databricksVirtualNetwork"]
            ? item["databricksVirtualNetwork"]
            : virtualNetworkPeeringPropertiesFormatDatabricksVirtualNetworkSerializer(item["databricksVirtualNetwork"]),
        databricksAddressSpace: !item["databricksAddressSpace"]
            ? item["databricksAddressSpace"]
            : addressSpaceSerializer(item["databricksAddressSpace"]),
        remoteVirtualNetwork: virtualNetworkPeeringPropertiesFormatRemoteVirtualNetworkSerializer(item["remoteVirtualNetwork"]),
        remoteAddressSpace: !item["remoteAddressSpace"]
            ? item["remoteAddressSpace"]
            : addressSpaceSerializer(item["remoteAddressSpace"]),
    };
}
function virtualNetworkPeeringPropertiesFormatDeserializer(item) {
    return {
        allowVirtualNetworkAccess: item["allowVirtualNetworkAccess"],
        allowForwardedTraffic: item["allowForwardedTraffic"],
        allowGatewayTransit: item["allowGatewayTransit"],
        useRemoteGateways: item["useRemoteGateways"],
        databricksVirtualNetwork: !item["databricksVirtualNetwork"]
            ? item["databricksVirtualNetwork"]
            : virtualNetworkPeeringPropertiesFormatDatabricksVirtualNetworkDeserializer(item["databricksVirtualNetwork"]),
        databricksAddressSpace: !item["databricksAddressSpace"]
            ? item["databricksAddressSpace"]
            : addressSpaceDeserializer(item["databricksAddressSpace"]),
        remoteVirtualNetwork: virtualNetworkPeeringPropertiesFormatRemoteVirtualNetworkDeserializer(item["remoteVirtualNetwork"]),
        remoteAddressSpace: !item["remoteAddressSpace"]
            ? item["remoteAddressSpace"]
            : addressSpaceDeserializer(item["remoteAddressSpace"]),
        peeringState: item["peeringState"],
        provisioningState: item["provisioningState"],
    };
}
function virtualNetworkPeeringPropertiesFormatDatabricksVirtualNetworkSerializer(item) {
    return { id: item["id"] };
}
function virtualNetworkPeeringPropertiesFormatDatabricksVirtualNetworkDeserializer(item) {
    return {
        id: item["id"],
    };
}
function addressSpaceSerializer(item) {
    return {
        addressPrefixes: !item["addressPrefixes"]
            ? item["addressPrefixes"]
            : item["addressPrefixes"].map((p) => {
                return p;
            }),
    };
}
function addressSpaceDeserializer(item) {
    return {
        addressPrefixes: !item["addressPrefixes"]
            ? item["addressPrefixes"]
            : item["addressPrefixes"].map((p) => {
                return p;
            }),
    };
}
function virtualNetworkPeeringPropertiesFormatRemoteVirtualNetworkSerializer(item) {
    return { id: item["id"] };
}
function virtualNetworkPeeringPropertiesFormatRemoteVirtualNetworkDeserializer(item) {
    return {
        id: item["id"],
    };
}
/** The status of the virtual network peering. */
var KnownPeeringState;
(function (KnownPeeringState) {
    /** Initiated */
    KnownPeeringState["Initiated"] = "Initiated";
    /** Connected */
    KnownPeeringState["Connected"] = "Connected";
    /** Disconnected */
    KnownPeeringState["Disconnected"] = "Disconnected";
})(KnownPeeringState || (KnownPeeringState = {}));
/** The current provisioning state. */
var KnownPeeringProvisioningState;
(function (KnownPeeringProvisioningState) {
    /** Succeeded */
    KnownPeeringProvisioningState["Succeeded"] = "Succeeded";
    /** Updating */
    KnownPeeringProvisioningState["Updating"] = "Updating";
    /** Deleting */
    KnownPeeringProvisioningState["Deleting"] = "Deleting";
    /** Failed */
    KnownPeeringProvisioningState["Failed"] = "Failed";
})(KnownPeeringProvisioningState || (KnownPeeringProvisioningState = {}));
function _virtualNetworkPeeringListDeserializer(item) {
    return {
        value: virtualNetworkPeeringArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function virtualNetworkPeeringArraySerializer(result) {
    return result.map((item) => {
        return virtualNetworkPeeringSerializer(item);
    });
}
function virtualNetworkPeeringArrayDeserializer(result) {
    return result.map((item) => {
        return virtualNetworkPeeringDeserializer(item);
    });
}
/** The available API versions. */
var KnownVersions;
(function (KnownVersions) {
    /** The 2026-01-01 API version. */
    KnownVersions["V20260101"] = "2026-01-01";
})(KnownVersions || (KnownVersions = {}));
function outboundEnvironmentEndpointArrayDeserializer(result) {
    return result.map((item) => {
        return outboundEnvironmentEndpointDeserializer(item);
    });
}
function _workspacePropertiesSerializer(item) {
    return {
        computeMode: item["computeMode"],
        managedResourceGroupId: item["managedResourceGroupId"],
        parameters: !item["parameters"]
            ? item["parameters"]
            : workspaceCustomParametersSerializer(item["parameters"]),
        uiDefinitionUri: item["uiDefinitionUri"],
        authorizations: !item["authorizations"]
            ? item["authorizations"]
            : workspaceProviderAuthorizationArraySerializer(item["authorizations"]),
        createdBy: !item["createdBy"] ? item["createdBy"] : createdBySerializer(item["createdBy"]),
        updatedBy: !item["updatedBy"] ? item["updatedBy"] : createdBySerializer(item["updatedBy"]),
        storageAccountIdentity: !item["storageAccountIdentity"]
            ? item["storageAccountIdentity"]
            : managedIdentityConfigurationSerializer(item["storageAccountIdentity"]),
        managedDiskIdentity: !item["managedDiskIdentity"]
            ? item["managedDiskIdentity"]
            : managedIdentityConfigurationSerializer(item["managedDiskIdentity"]),
        encryption: !item["encryption"]
            ? item["encryption"]
            : workspacePropertiesEncryptionSerializer(item["encryption"]),
        enhancedSecurityCompliance: !item["enhancedSecurityCompliance"]
            ? item["enhancedSecurityCompliance"]
            : enhancedSecurityComplianceDefinitionSerializer(item["enhancedSecurityCompliance"]),
        publicNetworkAccess: item["publicNetworkAccess"],
        requiredNsgRules: item["requiredNsgRules"],
        defaultCatalog: !item["defaultCatalog"]
            ? item["defaultCatalog"]
            : defaultCatalogPropertiesSerializer(item["defaultCatalog"]),
        accessConnector: !item["accessConnector"]
            ? item["accessConnector"]
            : workspacePropertiesAccessConnectorSerializer(item["accessConnector"]),
        defaultStorageFirewall: item["defaultStorageFirewall"],
    };
}
function _workspacePropertiesDeserializer(item) {
    return {
        computeMode: item["computeMode"],
        managedResourceGroupId: item["managedResourceGroupId"],
        parameters: !item["parameters"]
            ? item["parameters"]
            : workspaceCustomParametersDeserializer(item["parameters"]),
        provisioningState: item["provisioningState"],
        uiDefinitionUri: item["uiDefinitionUri"],
        authorizations: !item["authorizations"]
            ? item["authorizations"]
            : workspaceProviderAuthorizationArrayDeserializer(item["authorizations"]),
        createdBy: !item["createdBy"] ? item["createdBy"] : createdByDeserializer(item["createdBy"]),
        updatedBy: !item["updatedBy"] ? item["updatedBy"] : createdByDeserializer(item["updatedBy"]),
        createdDateTime: !item["createdDateTime"]
            ? item["createdDateTime"]
            : new Date(item["createdDateTime"]),
        workspaceId: item["workspaceId"],
        workspaceUrl: item["workspaceUrl"],
        storageAccountIdentity: !item["storageAccountIdentity"]
            ? item["storageAccountIdentity"]
            : managedIdentityConfigurationDeserializer(item["storageAccountIdentity"]),
        managedDiskIdentity: !item["managedDiskIdentity"]
            ? item["managedDiskIdentity"]
            : managedIdentityConfigurationDeserializer(item["managedDiskIdentity"]),
        diskEncryptionSetId: item["diskEncryptionSetId"],
        encryption: !item["encryption"]
            ? item["encryption"]
            : workspacePropertiesEncryptionDeserializer(item["encryption"]),
        enhancedSecurityCompliance: !item["enhancedSecurityCompliance"]
            ? item["enhancedSecurityCompliance"]
            : enhancedSecurityComplianceDefinitionDeserializer(item["enhancedSecurityCompliance"]),
        privateEndpointConnections: !item["privateEndpointConnections"]
            ? item["privateEndpointConnections"]
            : privateEndpointConnectionArrayDeserializer(item["privateEndpointConnections"]),
        publicNetworkAccess: item["publicNetworkAccess"],
        requiredNsgRules: item["requiredNsgRules"],
        defaultCatalog: !item["defaultCatalog"]
            ? item["defaultCatalog"]
            : defaultCatalogPropertiesDeserializer(item["defaultCatalog"]),
        isUcEnabled: item["isUcEnabled"],
        accessConnector: !item["accessConnector"]
            ? item["accessConnector"]
            : workspacePropertiesAccessConnectorDeserializer(item["accessConnector"]),
        defaultStorageFirewall: item["defaultStorageFirewall"],
    };
}
function _virtualNetworkPeeringPropertiesSerializer(item) {
    return {
        allowVirtualNetworkAccess: item["allowVirtualNetworkAccess"],
        allowForwardedTraffic: item["allowForwardedTraffic"],
        allowGatewayTransit: item["allowGatewayTransit"],
        useRemoteGateways: item["useRemoteGateways"],
        databricksVirtualNetwork: !item["databricksVirtualNetwork"]
            ? item["databricksVirtualNetwork"]
            : virtualNetworkPeeringPropertiesFormatDatabricksVirtualNetworkSerializer(item["databricksVirtualNetwork"]),
        databricksAddressSpace: !item["databricksAddressSpace"]
            ? item["databricksAddressSpace"]
            : addressSpaceSerializer(item["databricksAddressSpace"]),
        remoteVirtualNetwork: virtualNetworkPeeringPropertiesFormatRemoteVirtualNetworkSerializer(item["remoteVirtualNetwork"]),
        remoteAddressSpace: !item["remoteAddressSpace"]
            ? item["remoteAddressSpace"]
            : addressSpaceSerializer(item["remoteAddressSpace"]),
    };
}
function _virtualNetworkPeeringPropertiesDeserializer(item) {
    return {
        allowVirtualNetworkAccess: item["allowVirtualNetworkAccess"],
        allowForwardedTraffic: item["allowForwardedTraffic"],
        allowGatewayTransit: item["allowGatewayTransit"],
        useRemoteGateways: item["useRemoteGateways"],
        databricksVirtualNetwork: !item["databricksVirtualNetwork"]
            ? item["databricksVirtualNetwork"]
            : virtualNetworkPeeringPropertiesFormatDatabricksVirtualNetworkDeserializer(item["databricksVirtualNetwork"]),
        databricksAddressSpace: !item["databricksAddressSpace"]
            ? item["databricksAddressSpace"]
            : addressSpaceDeserializer(item["databricksAddressSpace"]),
        remoteVirtualNetwork: virtualNetworkPeeringPropertiesFormatRemoteVirtualNetworkDeserializer(item["remoteVirtualNetwork"]),
        remoteAddressSpace: !item["remoteAddressSpace"]
            ? item["remoteAddressSpace"]
            : addressSpaceDeserializer(item["remoteAddressSpace"]),
        peeringState: item["peeringState"],
        provisioningState: item["provisioningState"],
    };
}
//# sourceMappingURL=models.js.map
// EXTERNAL MODULE: ./node_modules/@azure/core-rest-pipeline/dist/esm/index.js + 38 modules
var core_rest_pipeline_dist_esm = __webpack_require__(690);
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/static-helpers/pagingHelpers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


/**
 * Helper to paginate results in a generic way and return a PagedAsyncIterableIterator
 */
function buildPagedAsyncIterator(client, getInitialResponse, processResponseBody, expectedStatuses, options = {}) {
    const itemName = options.itemName ?? "value";
    const nextLinkName = options.nextLinkName ?? "nextLink";
    const nextLinkMethod = options.nextLinkMethod ?? "GET";
    const apiVersion = options.apiVersion;
    const pagedResult = {
        getPage: async (pageLink) => {
            let result;
            if (pageLink === undefined) {
                result = await getInitialResponse();
            }
            else {
                const resolvedPageLink = apiVersion ? addApiVersionToUrl(pageLink, apiVersion) : pageLink;
                result =
                    nextLinkMethod === "POST"
                        ? await client.pathUnchecked(resolvedPageLink).post()
                        : await client.pathUnchecked(resolvedPageLink).get();
            }
            checkPagingRequest(result, expectedStatuses);
            const results = await processResponseBody(result);
            const nextLink = getNextLink(results, nextLinkName);
            const values = getElements(results, itemName);
            return {
                page: values,
                nextPageLink: nextLink,
            };
        },
        byPage: (settings) => {
            const { continuationToken } = settings ?? {};
            return getPageAsyncIterator(pagedResult, {
                pageLink: continuationToken,
            });
        },
    };
    return getPagedAsyncIterator(pagedResult);
}
/**
 * returns an async iterator that iterates over results. It also has a `byPage`
 * method that returns pages of items at once.
 *
 * @param pagedResult - an object that specifies how to get pages.
 * @returns a paged async iterator that iterates over results.
 */
function getPagedAsyncIterator(pagedResult) {
    const iter = getItemAsyncIterator(pagedResult);
    return {
        next() {
            return iter.next();
        },
        [Symbol.asyncIterator]() {
            return this;
        },
        byPage: pagedResult?.byPage ??
            ((settings) => {
                const { continuationToken } = settings ?? {};
                return getPageAsyncIterator(pagedResult, {
                    pageLink: continuationToken,
                });
            }),
    };
}
async function* getItemAsyncIterator(pagedResult) {
    const pages = getPageAsyncIterator(pagedResult);
    for await (const page of pages) {
        yield* page;
    }
}
async function* getPageAsyncIterator(pagedResult, options = {}) {
    const { pageLink } = options;
    let response = await pagedResult.getPage(pageLink ?? pagedResult.firstPageLink);
    if (!response) {
        return;
    }
    let result = response.page;
    result.continuationToken = response.nextPageLink;
    yield result;
    while (response.nextPageLink) {
        response = await pagedResult.getPage(response.nextPageLink);
        if (!response) {
            return;
        }
        result = response.page;
        result.continuationToken = response.nextPageLink;
        yield result;
    }
}
/**
 * Gets for the value of nextLink in the body
 */
function getNextLink(body, nextLinkName) {
    if (!nextLinkName) {
        return undefined;
    }
    const nextLink = body[nextLinkName];
    if (typeof nextLink !== "string" && typeof nextLink !== "undefined" && nextLink !== null) {
        throw new core_rest_pipeline_dist_esm/* RestError */.pj(`Body Property ${nextLinkName} should be a string or undefined or null but got ${typeof nextLink}`);
    }
    if (nextLink === null) {
        return undefined;
    }
    return nextLink;
}
/**
 * Gets the elements of the current request in the body.
 */
function getElements(body, itemName) {
    const value = body[itemName];
    if (!Array.isArray(value)) {
        throw new core_rest_pipeline_dist_esm/* RestError */.pj(`Couldn't paginate response\n Body doesn't contain an array property with name: ${itemName}`);
    }
    return value ?? [];
}
/**
 * Checks if a request failed
 */
function checkPagingRequest(response, expectedStatuses) {
    if (!expectedStatuses.includes(response.status)) {
        throw (0,dist_esm/* createRestError */.t$)(`Pagination failed with unexpected statusCode ${response.status}`, response);
    }
}
/**
 * Adds the api-version query parameter on a URL if it's not present.
 * @param url - the URL to modify
 * @param apiVersion - the API version to set
 * @returns - the URL with the api-version query parameter set
 */
function addApiVersionToUrl(url, apiVersion) {
    // The base URL is only used for parsing and won't appear in the returned URL
    const urlObj = new URL(url, "https://microsoft.com");
    if (!urlObj.searchParams.get("api-version")) {
        // Append one if there is no apiVersion
        return `${url}${urlObj.search ? "&" : "?"}api-version=${apiVersion}`;
    }
    return url;
}
//# sourceMappingURL=pagingHelpers.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/node_modules/@azure/core-lro/dist/esm/logger.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

/**
 * The `@azure/logger` configuration for this package.
 * @internal
 */
const logger_logger = (0,esm/* createClientLogger */.KV)("core-lro");
//# sourceMappingURL=logger.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/node_modules/@azure/core-lro/dist/esm/poller/constants.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * The default time interval to wait before sending the next polling request.
 */
const POLL_INTERVAL_IN_MS = 2000;
/**
 * The closed set of terminal states.
 */
const terminalStates = ["succeeded", "canceled", "failed"];
//# sourceMappingURL=constants.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/node_modules/@azure/core-lro/dist/esm/poller/operation.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


/**
 * Deserializes the state
 */
function deserializeState(serializedState) {
    try {
        return JSON.parse(serializedState).state;
    }
    catch (e) {
        throw new Error(`Unable to deserialize input state: ${serializedState}`);
    }
}
function setStateError(inputs) {
    const { state, isOperationError } = inputs;
    return (error) => {
        if (isOperationError(error)) {
            state.error = error;
            state.status = "failed";
        }
        throw error;
    };
}
function appendReadableErrorMessage(currentMessage, innerMessage) {
    let message = currentMessage;
    if (message.slice(-1) !== ".") {
        message = message + ".";
    }
    return message + " " + innerMessage;
}
function simplifyError(err) {
    let message = err.message;
    let code = err.code;
    let curErr = err;
    while (curErr.innererror) {
        curErr = curErr.innererror;
        code = curErr.code;
        message = appendReadableErrorMessage(message, curErr.message);
    }
    return {
        code,
        message,
    };
}
async function processOperationStatus(result) {
    const { state, status, isDone, processResult, getError, response, setErrorAsResult } = result;
    switch (status) {
        case "succeeded": {
            state.status = "succeeded";
            break;
        }
        case "failed": {
            const err = getError?.(response);
            let postfix = "";
            if (err) {
                const { code, message } = simplifyError(err);
                postfix = `. ${code}. ${message}`;
            }
            const errStr = `The long-running operation has failed${postfix}`;
            state.error = new Error(errStr);
            state.status = "failed";
            logger_logger.warning(errStr);
            break;
        }
        case "canceled": {
            state.status = "canceled";
            break;
        }
    }
    if (isDone?.(response, state) ||
        (isDone === undefined &&
            ["succeeded", "canceled"].concat(setErrorAsResult ? [] : ["failed"]).includes(status))) {
        state.result = await buildResult({
            response,
            state,
            processResult,
        });
    }
}
async function buildResult(inputs) {
    const { processResult, response, state } = inputs;
    return processResult ? processResult(response, state) : response;
}
/**
 * Initiates the long-running operation.
 */
async function initOperation(inputs) {
    const { init, processResult, getOperationStatus, withOperationLocation, setErrorAsResult } = inputs;
    const { operationLocation, resourceLocation, initialRequestUrl, requestMethod, metadata, response, } = await init();
    if (operationLocation)
        withOperationLocation?.(operationLocation, false);
    const config = {
        metadata,
        operationLocation,
        resourceLocation,
        initialRequestUrl,
        requestMethod,
    };
    logger_logger.verbose(`LRO: Operation description:`, config);
    const state = { status: "running", config };
    const status = getOperationStatus({ response, state, operationLocation });
    await processOperationStatus({
        state,
        status,
        response,
        setErrorAsResult,
        processResult,
    });
    return state;
}
async function pollOperationHelper(inputs) {
    const { poll, state, operationLocation, getOperationStatus, getResourceLocation, isOperationError, options, } = inputs;
    const response = await poll(operationLocation, options).catch(setStateError({
        state,
        isOperationError,
    }));
    const status = getOperationStatus(response, state);
    logger_logger.verbose(`LRO: Status:\n\tPolling from: ${state.config.operationLocation}\n\tOperation status: ${status}\n\tPolling status: ${terminalStates.includes(status) ? "Stopped" : "Running"}`);
    if (status === "succeeded") {
        const resourceLocation = getResourceLocation(response, state);
        if (resourceLocation !== undefined) {
            return {
                response: await poll(resourceLocation).catch(setStateError({ state, isOperationError })),
                status,
            };
        }
    }
    return { response, status };
}
/** Polls the long-running operation. */
async function operation_pollOperation(inputs) {
    const { poll, state, options, getOperationStatus, getResourceLocation, getOperationLocation, isOperationError, withOperationLocation, getPollingInterval, processResult, getError, updateState, setDelay, isDone, setErrorAsResult, } = inputs;
    const { operationLocation } = state.config;
    if (operationLocation !== undefined) {
        const { response, status } = await pollOperationHelper({
            poll,
            getOperationStatus,
            state,
            operationLocation,
            getResourceLocation,
            isOperationError,
            options,
        });
        await processOperationStatus({
            status,
            response,
            state,
            isDone,
            processResult,
            getError,
            setErrorAsResult,
        });
        if (!terminalStates.includes(status)) {
            const intervalInMs = getPollingInterval?.(response);
            if (intervalInMs)
                setDelay(intervalInMs);
            const location = getOperationLocation?.(response, state);
            if (location !== undefined) {
                const isUpdated = operationLocation !== location;
                state.config.operationLocation = location;
                withOperationLocation?.(location, isUpdated);
            }
            else
                withOperationLocation?.(operationLocation, false);
        }
        updateState?.(state, response);
    }
}
//# sourceMappingURL=operation.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/node_modules/@azure/core-lro/dist/esm/http/operation.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


function getOperationLocationPollingUrl(inputs) {
    const { azureAsyncOperation, operationLocation } = inputs;
    return operationLocation ?? azureAsyncOperation;
}
function getLocationHeader(rawResponse) {
    return rawResponse.headers["location"];
}
function getOperationLocationHeader(rawResponse) {
    return rawResponse.headers["operation-location"];
}
function getAzureAsyncOperationHeader(rawResponse) {
    return rawResponse.headers["azure-asyncoperation"];
}
function findResourceLocation(inputs) {
    const { location, requestMethod, requestPath, resourceLocationConfig, skipFinalGet } = inputs;
    // If skipFinalGet is true, return undefined to skip the final GET request
    if (skipFinalGet) {
        return undefined;
    }
    switch (requestMethod) {
        case "PUT": {
            return requestPath;
        }
        case "DELETE": {
            return undefined;
        }
        case "PATCH": {
            return getDefault() ?? requestPath;
        }
        default: {
            return getDefault();
        }
    }
    function getDefault() {
        switch (resourceLocationConfig) {
            case "operation-location":
            case "azure-async-operation": {
                return undefined;
            }
            case "original-uri": {
                return requestPath;
            }
            case "location":
            default: {
                return location;
            }
        }
    }
}
function inferLroMode(rawResponse, resourceLocationConfig, skipFinalGet) {
    const requestPath = rawResponse.request.url;
    const requestMethod = rawResponse.request.method;
    const operationLocation = getOperationLocationHeader(rawResponse);
    const azureAsyncOperation = getAzureAsyncOperationHeader(rawResponse);
    const pollingUrl = getOperationLocationPollingUrl({ operationLocation, azureAsyncOperation });
    const location = getLocationHeader(rawResponse);
    const normalizedRequestMethod = requestMethod?.toLocaleUpperCase();
    if (pollingUrl !== undefined) {
        return {
            mode: "OperationLocation",
            operationLocation: pollingUrl,
            resourceLocation: findResourceLocation({
                requestMethod: normalizedRequestMethod,
                location,
                requestPath,
                resourceLocationConfig,
                skipFinalGet,
            }),
            initialRequestUrl: requestPath,
            requestMethod,
        };
    }
    else if (location !== undefined) {
        return {
            mode: "ResourceLocation",
            operationLocation: location,
            initialRequestUrl: requestPath,
            requestMethod,
        };
    }
    else if (normalizedRequestMethod === "PUT" && requestPath) {
        return {
            mode: "Body",
            operationLocation: requestPath,
            initialRequestUrl: requestPath,
            requestMethod,
        };
    }
    else {
        return undefined;
    }
}
function transformStatus(inputs) {
    const { status, statusCode } = inputs;
    if (typeof status !== "string" && status !== undefined) {
        throw new Error(`Polling was unsuccessful. Expected status to have a string value or no value but it has instead: ${status}. This doesn't necessarily indicate the operation has failed. Check your Azure subscription or resource status for more information.`);
    }
    logger_logger.verbose(`LRO: Transforming status: ${status} with status code: ${statusCode}.`);
    const lowerCaseStatus = status?.toLocaleLowerCase();
    if (!lowerCaseStatus) {
        return toOperationStatus(statusCode);
    }
    if (lowerCaseStatus.includes("succeeded")) {
        return "succeeded";
    }
    if (lowerCaseStatus.includes("fail")) {
        return "failed";
    }
    if (["canceled", "cancelled"].includes(lowerCaseStatus)) {
        return "canceled";
    }
    return "running";
}
function getStatus(rawResponse) {
    const { status } = rawResponse.body ?? {};
    return transformStatus({ status, statusCode: rawResponse.statusCode });
}
function getProvisioningState(rawResponse) {
    const { properties, provisioningState } = rawResponse.body ?? {};
    const status = properties?.provisioningState ?? provisioningState;
    return transformStatus({ status, statusCode: rawResponse.statusCode });
}
function toOperationStatus(statusCode) {
    if (statusCode === 202) {
        return "running";
    }
    else if (statusCode < 300) {
        return "succeeded";
    }
    else {
        return "failed";
    }
}
function parseRetryAfter({ rawResponse }) {
    const retryAfter = rawResponse.headers["retry-after"];
    if (retryAfter !== undefined) {
        // Retry-After header value is either in HTTP date format, or in seconds
        const retryAfterInSeconds = parseInt(retryAfter);
        return isNaN(retryAfterInSeconds)
            ? calculatePollingIntervalFromDate(new Date(retryAfter))
            : retryAfterInSeconds * 1000;
    }
    return undefined;
}
function getErrorFromResponse(response) {
    const error = accessBodyProperty(response, "error");
    if (!error) {
        logger_logger.warning(`The long-running operation failed but there is no error property in the response's body`);
        return;
    }
    if (!error.code || !error.message) {
        logger_logger.warning(`The long-running operation failed but the error property in the response's body doesn't contain code or message`);
        return;
    }
    return error;
}
function calculatePollingIntervalFromDate(retryAfterDate) {
    const timeNow = Math.floor(new Date().getTime());
    const retryAfterTime = retryAfterDate.getTime();
    if (timeNow < retryAfterTime) {
        return retryAfterTime - timeNow;
    }
    return undefined;
}
function getStatusFromInitialResponse(inputs) {
    const { response, state, operationLocation } = inputs;
    function helper() {
        const mode = state.config.metadata?.["mode"];
        switch (mode) {
            case undefined:
                return toOperationStatus(response.rawResponse.statusCode);
            case "Body":
                return getOperationStatus(response, state);
            default:
                return "running";
        }
    }
    const status = helper();
    return status === "running" && operationLocation === undefined ? "succeeded" : status;
}
function getOperationLocation({ rawResponse }, state) {
    const mode = state.config.metadata?.["mode"];
    switch (mode) {
        case "OperationLocation": {
            return getOperationLocationPollingUrl({
                operationLocation: getOperationLocationHeader(rawResponse),
                azureAsyncOperation: getAzureAsyncOperationHeader(rawResponse),
            });
        }
        case "ResourceLocation": {
            return getLocationHeader(rawResponse);
        }
        case "Body":
        default: {
            return undefined;
        }
    }
}
function getOperationStatus({ rawResponse }, state) {
    const mode = state.config.metadata?.["mode"];
    switch (mode) {
        case "OperationLocation": {
            return getStatus(rawResponse);
        }
        case "ResourceLocation": {
            return toOperationStatus(rawResponse.statusCode);
        }
        case "Body": {
            return getProvisioningState(rawResponse);
        }
        default:
            throw new Error(`Internal error: Unexpected operation mode: ${mode}`);
    }
}
function accessBodyProperty({ flatResponse, rawResponse }, prop) {
    return flatResponse?.[prop] ?? rawResponse.body?.[prop];
}
function getResourceLocation(res, state) {
    const loc = accessBodyProperty(res, "resourceLocation");
    if (loc && typeof loc === "string") {
        state.config.resourceLocation = loc;
    }
    return state.config.resourceLocation;
}
function isOperationError(e) {
    return e.name === "RestError";
}
/** Polls the long-running operation. */
async function pollHttpOperation(inputs) {
    const { lro, options, processResult, updateState, setDelay, state, setErrorAsResult } = inputs;
    return pollOperation({
        state,
        setDelay,
        processResult: processResult
            ? ({ flatResponse }, inputState) => processResult(flatResponse, inputState)
            : ({ flatResponse }) => flatResponse,
        getError: getErrorFromResponse,
        updateState,
        getPollingInterval: parseRetryAfter,
        getOperationLocation,
        getOperationStatus,
        isOperationError,
        getResourceLocation,
        options,
        /**
         * The expansion here is intentional because `lro` could be an object that
         * references an inner this, so we need to preserve a reference to it.
         */
        poll: async (location, inputOptions) => lro.sendPollRequest(location, inputOptions),
        setErrorAsResult,
    });
}
//# sourceMappingURL=operation.js.map
// EXTERNAL MODULE: ./node_modules/@azure/core-util/dist/esm/index.js + 4 modules
var core_util_dist_esm = __webpack_require__(9105);
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/node_modules/@azure/core-lro/dist/esm/poller/poller.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



/**
 * Returns a poller factory.
 */
function buildCreatePoller(inputs) {
    const { getOperationLocation, getStatusFromInitialResponse, getStatusFromPollResponse, isOperationError, getResourceLocation, getPollingInterval, getError, resolveOnUnsuccessful, } = inputs;
    return ({ init, poll }, options) => {
        const { processResult, updateState, withOperationLocation: withOperationLocationCallback, intervalInMs = POLL_INTERVAL_IN_MS, restoreFrom, } = options || {};
        const withOperationLocation = withOperationLocationCallback
            ? (() => {
                let called = false;
                return (operationLocation, isUpdated) => {
                    if (isUpdated)
                        withOperationLocationCallback(operationLocation);
                    else if (!called)
                        withOperationLocationCallback(operationLocation);
                    called = true;
                };
            })()
            : undefined;
        let statePromise;
        let state;
        if (restoreFrom) {
            state = deserializeState(restoreFrom);
            statePromise = Promise.resolve(state);
        }
        else {
            statePromise = initOperation({
                init,
                processResult,
                getOperationStatus: getStatusFromInitialResponse,
                withOperationLocation,
                setErrorAsResult: !resolveOnUnsuccessful,
            }).then((s) => (state = s));
        }
        let resultPromise;
        const abortController = new AbortController();
        const handlers = new Map();
        const handleProgressEvents = async () => handlers.forEach((h) => h(state));
        const cancelErrMsg = "Operation was canceled";
        let currentPollIntervalInMs = intervalInMs;
        const poller = {
            get operationState() {
                return state;
            },
            get result() {
                return state?.result;
            },
            get isDone() {
                return ["succeeded", "failed", "canceled"].includes(state?.status ?? "");
            },
            onProgress: (callback) => {
                const s = Symbol();
                handlers.set(s, callback);
                return () => handlers.delete(s);
            },
            serialize: async () => {
                await statePromise;
                return JSON.stringify({
                    state,
                });
            },
            submitted: async () => {
                await statePromise;
            },
            pollUntilDone: async (pollOptions) => {
                resultPromise ??= (async () => {
                    await statePromise;
                    if (!state) {
                        throw new Error("Poller should be initialized but it is not!");
                    }
                    const { abortSignal: inputAbortSignal } = pollOptions || {};
                    // In the future we can use AbortSignal.any() instead
                    function abortListener() {
                        abortController.abort();
                    }
                    const abortSignal = abortController.signal;
                    if (inputAbortSignal?.aborted) {
                        abortController.abort();
                    }
                    else if (!abortSignal.aborted) {
                        inputAbortSignal?.addEventListener("abort", abortListener, { once: true });
                    }
                    try {
                        if (!poller.isDone) {
                            await poller.poll({ abortSignal });
                            while (!poller.isDone) {
                                await (0,core_util_dist_esm/* delay */.cb)(currentPollIntervalInMs, { abortSignal });
                                await poller.poll({ abortSignal });
                            }
                        }
                    }
                    finally {
                        inputAbortSignal?.removeEventListener("abort", abortListener);
                    }
                    if (resolveOnUnsuccessful) {
                        return poller.result;
                    }
                    else {
                        switch (state.status) {
                            case "succeeded":
                                return poller.result;
                            case "canceled":
                                throw new Error(cancelErrMsg);
                            case "failed":
                                throw state.error;
                            case "notStarted":
                            case "running":
                                throw new Error(`Polling completed without succeeding or failing`);
                        }
                    }
                })().finally(() => {
                    resultPromise = undefined;
                });
                return resultPromise;
            },
            async poll(pollOptions) {
                await statePromise;
                if (!state) {
                    throw new Error("Poller should be initialized but it is not!");
                }
                if (resolveOnUnsuccessful) {
                    if (poller.isDone)
                        return state;
                }
                else {
                    switch (state.status) {
                        case "succeeded":
                            return state;
                        case "canceled":
                            throw new Error(cancelErrMsg);
                        case "failed":
                            throw state.error;
                    }
                }
                await operation_pollOperation({
                    poll,
                    state,
                    getOperationLocation,
                    isOperationError,
                    withOperationLocation,
                    getPollingInterval,
                    getOperationStatus: getStatusFromPollResponse,
                    getResourceLocation,
                    processResult,
                    getError,
                    updateState,
                    options: pollOptions,
                    setDelay: (pollIntervalInMs) => {
                        currentPollIntervalInMs = pollIntervalInMs;
                    },
                    setErrorAsResult: !resolveOnUnsuccessful,
                });
                await handleProgressEvents();
                if (!resolveOnUnsuccessful) {
                    switch (state.status) {
                        case "canceled":
                            throw new Error(cancelErrMsg);
                        case "failed":
                            throw state.error;
                    }
                }
                return state;
            },
            then(onfulfilled, onrejected) {
                return poller.pollUntilDone().then(onfulfilled, onrejected);
            },
            catch(onrejected) {
                return poller.pollUntilDone().catch(onrejected);
            },
            finally(onfinally) {
                return poller.pollUntilDone().finally(onfinally);
            },
            [Symbol.toStringTag]: "Poller",
        };
        return poller;
    };
}
//# sourceMappingURL=poller.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/node_modules/@azure/core-lro/dist/esm/http/utils.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Rewrites a given URL to use the specified base URL.
 * It preserves the pathname, search parameters, and fragment.
 * Handles relative URLs and proper encoding.
 *
 * @param params - An object containing the url and baseUrl.
 *                    url - The original URL (absolute or relative).
 *                    baseUrl - The new base URL to use.
 * @returns The rewritten URL as a string.
 */
function rewriteUrl({ url, baseUrl, }) {
    if (!url) {
        return undefined;
    }
    if (!baseUrl) {
        return url;
    }
    let originalUrl;
    try {
        // Try to parse inputUrl as an absolute URL.
        originalUrl = new URL(url);
    }
    catch {
        // If inputUrl is relative, resolve using the provided baseUrl.
        try {
            originalUrl = new URL(url, baseUrl);
        }
        catch (e) {
            throw new Error(`Invalid input URL provided: ${url}`);
        }
    }
    let newBase;
    try {
        newBase = new URL(baseUrl);
    }
    catch (e) {
        throw new Error(`Invalid base URL provided: ${baseUrl}`);
    }
    const rewrittenUrl = new URL(`${originalUrl.pathname}${originalUrl.search}${originalUrl.hash}`, newBase);
    return rewrittenUrl.toString();
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/node_modules/@azure/core-lro/dist/esm/http/poller.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



/**
 * Creates a poller that can be used to poll a long-running operation.
 * @param lro - Description of the long-running operation
 * @param options - options to configure the poller
 * @returns an initialized poller
 */
function createHttpPoller(lro, options) {
    const { resourceLocationConfig, intervalInMs, processResult, restoreFrom, updateState, withOperationLocation, resolveOnUnsuccessful = false, baseUrl, skipFinalGet, } = options || {};
    return buildCreatePoller({
        getStatusFromInitialResponse: getStatusFromInitialResponse,
        getStatusFromPollResponse: getOperationStatus,
        isOperationError: isOperationError,
        getOperationLocation: getOperationLocation,
        getResourceLocation: getResourceLocation,
        getPollingInterval: parseRetryAfter,
        getError: getErrorFromResponse,
        resolveOnUnsuccessful,
    })({
        init: async () => {
            const response = await lro.sendInitialRequest();
            const config = inferLroMode(response.rawResponse, resourceLocationConfig, skipFinalGet);
            return {
                response,
                operationLocation: rewriteUrl({ url: config?.operationLocation, baseUrl }),
                resourceLocation: rewriteUrl({ url: config?.resourceLocation, baseUrl }),
                initialRequestUrl: config?.initialRequestUrl,
                requestMethod: config?.requestMethod,
                ...(config?.mode ? { metadata: { mode: config.mode } } : {}),
            };
        },
        poll: lro.sendPollRequest,
    }, {
        intervalInMs,
        withOperationLocation,
        restoreFrom,
        updateState,
        processResult: processResult
            ? ({ flatResponse }, state) => processResult(flatResponse, state)
            : ({ flatResponse }) => flatResponse,
    });
}
//# sourceMappingURL=poller.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/node_modules/@azure/core-lro/dist/esm/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/static-helpers/pollingHelpers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


function getLongRunningPoller(client, processResponseBody, expectedStatuses, options) {
    const { restoreFrom, getInitialResponse, apiVersion } = options;
    if (!restoreFrom && !getInitialResponse) {
        throw new Error("Either restoreFrom or getInitialResponse must be specified");
    }
    let initialResponse = undefined;
    const pollAbortController = new AbortController();
    const poller = {
        sendInitialRequest: async () => {
            if (!getInitialResponse) {
                throw new Error("getInitialResponse is required when initializing a new poller");
            }
            initialResponse = await getInitialResponse();
            return getLroResponse(initialResponse, expectedStatuses);
        },
        sendPollRequest: async (path, pollOptions) => {
            // The poll request would both listen to the user provided abort signal and the poller's own abort signal
            function abortListener() {
                pollAbortController.abort();
            }
            const abortSignal = pollAbortController.signal;
            if (options.abortSignal?.aborted) {
                pollAbortController.abort();
            }
            else if (pollOptions?.abortSignal?.aborted) {
                pollAbortController.abort();
            }
            else if (!abortSignal.aborted) {
                options.abortSignal?.addEventListener("abort", abortListener, {
                    once: true,
                });
                pollOptions?.abortSignal?.addEventListener("abort", abortListener, {
                    once: true,
                });
            }
            let response;
            try {
                const pollingPath = apiVersion ? pollingHelpers_addApiVersionToUrl(path, apiVersion) : path;
                response = await client.pathUnchecked(pollingPath).get({ abortSignal });
            }
            finally {
                options.abortSignal?.removeEventListener("abort", abortListener);
                pollOptions?.abortSignal?.removeEventListener("abort", abortListener);
            }
            return getLroResponse(response, expectedStatuses);
        },
    };
    return createHttpPoller(poller, {
        intervalInMs: options?.updateIntervalInMs,
        resourceLocationConfig: options?.resourceLocationConfig,
        restoreFrom: options?.restoreFrom,
        processResult: (result) => {
            return processResponseBody(result);
        },
    });
}
/**
 * Converts a Rest Client response to a response that the LRO implementation understands
 * @param response - a rest client http response
 * @param deserializeFn - deserialize function to convert Rest response to modular output
 * @returns - An LRO response that the LRO implementation understands
 */
function getLroResponse(response, expectedStatuses) {
    if (!expectedStatuses.includes(response.status)) {
        throw (0,dist_esm/* createRestError */.t$)(response);
    }
    return {
        flatResponse: response,
        rawResponse: {
            ...response,
            statusCode: Number.parseInt(response.status),
            body: response.body,
        },
    };
}
/**
 * Adds the api-version query parameter on a URL if it's not present.
 * @param url - the URL to modify
 * @param apiVersion - the API version to set
 * @returns - the URL with the api-version query parameter set
 */
function pollingHelpers_addApiVersionToUrl(url, apiVersion) {
    // The base URL is only used for parsing and won't appear in the returned URL
    const urlObj = new URL(url, "https://microsoft.com");
    if (!urlObj.searchParams.get("api-version")) {
        // Append one if there is no apiVersion
        return `${url}${urlObj.search ? "&" : "?"}api-version=${apiVersion}`;
    }
    return url;
}
//# sourceMappingURL=pollingHelpers.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/static-helpers/urlTemplate.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
// ---------------------
// helpers
// ---------------------
function encodeComponent(val, reserved, op) {
    return (reserved ?? op === "+") || op === "#"
        ? encodeReservedComponent(val)
        : encodeRFC3986URIComponent(val);
}
function encodeReservedComponent(str) {
    return str
        .split(/(%[0-9A-Fa-f]{2})/g)
        .map((part) => (!/%[0-9A-Fa-f]/.test(part) ? encodeURI(part) : part))
        .join("");
}
function encodeRFC3986URIComponent(str) {
    return encodeURIComponent(str).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function isDefined(val) {
    return val !== undefined && val !== null;
}
function getNamedAndIfEmpty(op) {
    return [!!op && [";", "?", "&"].includes(op), !!op && ["?", "&"].includes(op) ? "=" : ""];
}
function getFirstOrSep(op, isFirst = false) {
    if (isFirst) {
        return !op || op === "+" ? "" : op;
    }
    else if (!op || op === "+" || op === "#") {
        return ",";
    }
    else if (op === "?") {
        return "&";
    }
    else {
        return op;
    }
}
function getExpandedValue(option) {
    let isFirst = option.isFirst;
    const { op, varName, varValue: value, reserved } = option;
    const vals = [];
    const [named, ifEmpty] = getNamedAndIfEmpty(op);
    if (Array.isArray(value)) {
        for (const val of value.filter(isDefined)) {
            // prepare the following parts: separator, varName, value
            vals.push(`${getFirstOrSep(op, isFirst)}`);
            if (named && varName) {
                vals.push(`${encodeURIComponent(varName)}`);
                if (val === "") {
                    vals.push(ifEmpty);
                }
                else {
                    vals.push("=");
                }
            }
            vals.push(encodeComponent(val, reserved, op));
            isFirst = false;
        }
    }
    else if (typeof value === "object") {
        for (const key of Object.keys(value)) {
            const val = value[key];
            if (!isDefined(val)) {
                continue;
            }
            // prepare the following parts: separator, key, value
            vals.push(`${getFirstOrSep(op, isFirst)}`);
            if (key) {
                vals.push(`${encodeURIComponent(key)}`);
                if (named && val === "") {
                    vals.push(ifEmpty);
                }
                else {
                    vals.push("=");
                }
            }
            vals.push(encodeComponent(val, reserved, op));
            isFirst = false;
        }
    }
    return vals.join("");
}
function getNonExpandedValue(option) {
    const { op, varName, varValue: value, isFirst, reserved } = option;
    const vals = [];
    const first = getFirstOrSep(op, isFirst);
    const [named, ifEmpty] = getNamedAndIfEmpty(op);
    if (named && varName) {
        vals.push(encodeComponent(varName, reserved, op));
        if (value === "") {
            if (!ifEmpty) {
                vals.push(ifEmpty);
            }
            return !vals.join("") ? undefined : `${first}${vals.join("")}`;
        }
        vals.push("=");
    }
    const items = [];
    if (Array.isArray(value)) {
        for (const val of value.filter(isDefined)) {
            items.push(encodeComponent(val, reserved, op));
        }
    }
    else if (typeof value === "object") {
        for (const key of Object.keys(value)) {
            if (!isDefined(value[key])) {
                continue;
            }
            items.push(encodeRFC3986URIComponent(key));
            items.push(encodeComponent(value[key], reserved, op));
        }
    }
    vals.push(items.join(","));
    return !vals.join(",") ? undefined : `${first}${vals.join("")}`;
}
function getVarValue(option) {
    const { op, varName, modifier, isFirst, reserved, varValue: value } = option;
    if (!isDefined(value)) {
        return undefined;
    }
    else if (["string", "number", "boolean"].includes(typeof value)) {
        let val = value.toString();
        const [named, ifEmpty] = getNamedAndIfEmpty(op);
        const vals = [getFirstOrSep(op, isFirst)];
        if (named && varName) {
            // No need to encode varName considering it is already encoded
            vals.push(varName);
            if (val === "") {
                vals.push(ifEmpty);
            }
            else {
                vals.push("=");
            }
        }
        if (modifier && modifier !== "*") {
            val = val.substring(0, parseInt(modifier, 10));
        }
        vals.push(encodeComponent(val, reserved, op));
        return vals.join("");
    }
    else if (modifier === "*") {
        return getExpandedValue(option);
    }
    else {
        return getNonExpandedValue(option);
    }
}
// ---------------------------------------------------------------------------------------------------
// This is an implementation of RFC 6570 URI Template: https://datatracker.ietf.org/doc/html/rfc6570.
// ---------------------------------------------------------------------------------------------------
function expandUrlTemplate(template, context, option) {
    const result = template.replace(/\{([^{}]+)\}|([^{}]+)/g, (_, expr, text) => {
        if (!expr) {
            return encodeReservedComponent(text);
        }
        let op;
        if (["+", "#", ".", "/", ";", "?", "&"].includes(expr[0])) {
            op = expr[0];
            expr = expr.slice(1);
        }
        const varList = expr.split(/,/g);
        const innerResult = [];
        for (const varSpec of varList) {
            const varMatch = /([^:*]*)(?::(\d+)|(\*))?/.exec(varSpec);
            if (!varMatch || !varMatch[1]) {
                continue;
            }
            const varValue = getVarValue({
                isFirst: innerResult.length === 0,
                op,
                varValue: context[varMatch[1]],
                varName: varMatch[1],
                modifier: varMatch[2] || varMatch[3],
                reserved: option?.allowReserved,
            });
            if (varValue) {
                innerResult.push(varValue);
            }
        }
        return innerResult.join("");
    });
    return normalizeUnreserved(result);
}
/**
 * Normalize an expanded URI by decoding percent-encoded unreserved characters.
 * RFC 3986 unreserved: "-" / "." / "~"
 */
function normalizeUnreserved(uri) {
    return uri.replace(/%([0-9A-Fa-f]{2})/g, (match, hex) => {
        const char = String.fromCharCode(parseInt(hex, 16));
        // Decode only if it's unreserved
        if (/[.~-]/.test(char)) {
            return char;
        }
        return match; // leave other encodings intact
    });
}
//# sourceMappingURL=urlTemplate.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/api/accessConnectors/operations.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.





function _listBySubscriptionSend(context, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.Databricks/accessConnectors{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listBySubscriptionDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _accessConnectorListResultDeserializer(result.body);
}
/** Gets all the Azure Databricks Access Connectors within a subscription. */
function listBySubscription(context, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listBySubscriptionSend(context, options), _listBySubscriptionDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-01-01" });
}
function _listByResourceGroupSend(context, resourceGroupName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/accessConnectors{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listByResourceGroupDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _accessConnectorListResultDeserializer(result.body);
}
/** Gets all the Azure Databricks Access Connectors within a resource group. */
function listByResourceGroup(context, resourceGroupName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listByResourceGroupSend(context, resourceGroupName, options), _listByResourceGroupDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-01-01" });
}
function _$deleteSend(context, resourceGroupName, connectorName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/accessConnectors/{connectorName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        connectorName: connectorName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _$deleteDeserialize(result) {
    const expectedStatuses = ["200", "202", "204"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Deletes the Azure Databricks Access Connector. */
function $delete(context, resourceGroupName, connectorName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _$deleteDeserialize, ["200", "202", "204"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _$deleteSend(context, resourceGroupName, connectorName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-01-01",
    });
}
function _updateSend(context, resourceGroupName, connectorName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/accessConnectors/{connectorName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        connectorName: connectorName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).patch({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: accessConnectorUpdateSerializer(parameters),
    });
}
async function _updateDeserialize(result) {
    const expectedStatuses = ["200", "202", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return accessConnectorDeserializer(result.body);
}
/** Updates an Azure Databricks Access Connector. */
function update(context, resourceGroupName, connectorName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _updateDeserialize, ["200", "202", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _updateSend(context, resourceGroupName, connectorName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-01-01",
    });
}
function _createOrUpdateSend(context, resourceGroupName, connectorName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/accessConnectors/{connectorName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        connectorName: connectorName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: accessConnectorSerializer(parameters),
    });
}
async function _createOrUpdateDeserialize(result) {
    const expectedStatuses = ["200", "201", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return accessConnectorDeserializer(result.body);
}
/** Creates or updates Azure Databricks Access Connector. */
function createOrUpdate(context, resourceGroupName, connectorName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _createOrUpdateDeserialize, ["200", "201", "202"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _createOrUpdateSend(context, resourceGroupName, connectorName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-01-01",
    });
}
function _getSend(context, resourceGroupName, connectorName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/accessConnectors/{connectorName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        connectorName: connectorName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return accessConnectorDeserializer(result.body);
}
/** Gets an Azure Databricks Access Connector. */
async function get(context, resourceGroupName, connectorName, options = { requestOptions: {} }) {
    const result = await _getSend(context, resourceGroupName, connectorName, options);
    return _getDeserialize(result);
}
//# sourceMappingURL=operations.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/static-helpers/simplePollerHelpers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Create the deprecated SimplePollerLike from PollerLike
 * @param poller PollerLike to convert
 * @returns SimplePollerLike
 */
function getSimplePoller(poller) {
    const simplePoller = {
        isDone() {
            return poller.isDone;
        },
        isStopped() {
            throw new Error("isStopped is deprecated. Use abortSignal status to track this instead.");
        },
        getOperationState() {
            if (!poller.operationState) {
                throw new Error("Operation state is not available. The poller may not have been started and you could await submitted() before calling getOperationState().");
            }
            return poller.operationState;
        },
        getResult() {
            return poller.result;
        },
        toString() {
            if (!poller.operationState) {
                throw new Error("Operation state is not available. The poller may not have been started and you could await submitted() before calling getOperationState().");
            }
            return JSON.stringify({
                state: poller.operationState,
            });
        },
        stopPolling() {
            throw new Error("stopPolling is deprecated. Use abortSignal to stop polling instead.");
        },
        onProgress: poller.onProgress,
        poll: poller.poll,
        pollUntilDone: poller.pollUntilDone,
        serialize: poller.serialize,
        submitted: poller.submitted,
    };
    return simplePoller;
}
//# sourceMappingURL=simplePollerHelpers.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/classic/accessConnectors/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


function _getAccessConnectors(context) {
    return {
        listBySubscription: (options) => listBySubscription(context, options),
        listByResourceGroup: (resourceGroupName, options) => listByResourceGroup(context, resourceGroupName, options),
        delete: (resourceGroupName, connectorName, options) => $delete(context, resourceGroupName, connectorName, options),
        beginDelete: async (resourceGroupName, connectorName, options) => {
            const poller = $delete(context, resourceGroupName, connectorName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAndWait: async (resourceGroupName, connectorName, options) => {
            return await $delete(context, resourceGroupName, connectorName, options);
        },
        update: (resourceGroupName, connectorName, parameters, options) => update(context, resourceGroupName, connectorName, parameters, options),
        beginUpdate: async (resourceGroupName, connectorName, parameters, options) => {
            const poller = update(context, resourceGroupName, connectorName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginUpdateAndWait: async (resourceGroupName, connectorName, parameters, options) => {
            return await update(context, resourceGroupName, connectorName, parameters, options);
        },
        createOrUpdate: (resourceGroupName, connectorName, parameters, options) => createOrUpdate(context, resourceGroupName, connectorName, parameters, options),
        beginCreateOrUpdate: async (resourceGroupName, connectorName, parameters, options) => {
            const poller = createOrUpdate(context, resourceGroupName, connectorName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginCreateOrUpdateAndWait: async (resourceGroupName, connectorName, parameters, options) => {
            return await createOrUpdate(context, resourceGroupName, connectorName, parameters, options);
        },
        get: (resourceGroupName, connectorName, options) => get(context, resourceGroupName, connectorName, options),
    };
}
function _getAccessConnectorsOperations(context) {
    return {
        ..._getAccessConnectors(context),
    };
}
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/api/operations/operations.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




function _listSend(context, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Databricks/operations{?api%2Dversion}", {
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _operationListResultDeserializer(result.body);
}
/** List the operations for the provider */
function list(context, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listSend(context, options), _listDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-01-01" });
}
//# sourceMappingURL=operations.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/classic/operations/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

function _getOperations(context) {
    return {
        list: (options) => list(context, options),
    };
}
function _getOperationsOperations(context) {
    return {
        ..._getOperations(context),
    };
}
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/api/outboundNetworkDependenciesEndpoints/operations.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



function operations_listSend(context, resourceGroupName, workspaceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/outboundNetworkDependenciesEndpoints{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function operations_listDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return outboundEnvironmentEndpointArrayDeserializer(result.body);
}
/** Gets the list of endpoints that VNET Injected Workspace calls Azure Databricks Control Plane. You must configure outbound access with these endpoints. For more information, see https://docs.microsoft.com/en-us/azure/databricks/administration-guide/cloud-configurations/azure/udr */
async function operations_list(context, resourceGroupName, workspaceName, options = { requestOptions: {} }) {
    const result = await operations_listSend(context, resourceGroupName, workspaceName, options);
    return operations_listDeserialize(result);
}
//# sourceMappingURL=operations.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/classic/outboundNetworkDependenciesEndpoints/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

function _getOutboundNetworkDependenciesEndpoints(context) {
    return {
        list: (resourceGroupName, workspaceName, options) => operations_list(context, resourceGroupName, workspaceName, options),
    };
}
function _getOutboundNetworkDependenciesEndpointsOperations(context) {
    return {
        ..._getOutboundNetworkDependenciesEndpoints(context),
    };
}
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/api/privateEndpointConnections/operations.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.





function privateEndpointConnections_operations_listSend(context, resourceGroupName, workspaceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/privateEndpointConnections{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function privateEndpointConnections_operations_listDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _privateEndpointConnectionsListDeserializer(result.body);
}
/** List private endpoint connections of the workspace */
function privateEndpointConnections_operations_list(context, resourceGroupName, workspaceName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => privateEndpointConnections_operations_listSend(context, resourceGroupName, workspaceName, options), privateEndpointConnections_operations_listDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-01-01" });
}
function operations_$deleteSend(context, resourceGroupName, workspaceName, privateEndpointConnectionName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/privateEndpointConnections/{privateEndpointConnectionName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        privateEndpointConnectionName: privateEndpointConnectionName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function operations_$deleteDeserialize(result) {
    const expectedStatuses = ["200", "202", "204"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Remove private endpoint connection with the specified name */
function operations_$delete(context, resourceGroupName, workspaceName, privateEndpointConnectionName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, operations_$deleteDeserialize, ["200", "202", "204"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => operations_$deleteSend(context, resourceGroupName, workspaceName, privateEndpointConnectionName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-01-01",
    });
}
function _createSend(context, resourceGroupName, workspaceName, privateEndpointConnectionName, privateEndpointConnection, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/privateEndpointConnections/{privateEndpointConnectionName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        privateEndpointConnectionName: privateEndpointConnectionName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: privateEndpointConnectionSerializer(privateEndpointConnection),
    });
}
async function _createDeserialize(result) {
    const expectedStatuses = ["200", "202", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return privateEndpointConnectionDeserializer(result.body);
}
/** Update the status of a private endpoint connection with the specified name */
function create(context, resourceGroupName, workspaceName, privateEndpointConnectionName, privateEndpointConnection, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _createDeserialize, ["200", "202", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _createSend(context, resourceGroupName, workspaceName, privateEndpointConnectionName, privateEndpointConnection, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-01-01",
    });
}
function operations_getSend(context, resourceGroupName, workspaceName, privateEndpointConnectionName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/privateEndpointConnections/{privateEndpointConnectionName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        privateEndpointConnectionName: privateEndpointConnectionName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function operations_getDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return privateEndpointConnectionDeserializer(result.body);
}
/** Get a private endpoint connection properties for a workspace */
async function operations_get(context, resourceGroupName, workspaceName, privateEndpointConnectionName, options = { requestOptions: {} }) {
    const result = await operations_getSend(context, resourceGroupName, workspaceName, privateEndpointConnectionName, options);
    return operations_getDeserialize(result);
}
//# sourceMappingURL=operations.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/classic/privateEndpointConnections/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


function _getPrivateEndpointConnections(context) {
    return {
        list: (resourceGroupName, workspaceName, options) => privateEndpointConnections_operations_list(context, resourceGroupName, workspaceName, options),
        delete: (resourceGroupName, workspaceName, privateEndpointConnectionName, options) => operations_$delete(context, resourceGroupName, workspaceName, privateEndpointConnectionName, options),
        beginDelete: async (resourceGroupName, workspaceName, privateEndpointConnectionName, options) => {
            const poller = operations_$delete(context, resourceGroupName, workspaceName, privateEndpointConnectionName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAndWait: async (resourceGroupName, workspaceName, privateEndpointConnectionName, options) => {
            return await operations_$delete(context, resourceGroupName, workspaceName, privateEndpointConnectionName, options);
        },
        create: (resourceGroupName, workspaceName, privateEndpointConnectionName, privateEndpointConnection, options) => create(context, resourceGroupName, workspaceName, privateEndpointConnectionName, privateEndpointConnection, options),
        beginCreate: async (resourceGroupName, workspaceName, privateEndpointConnectionName, privateEndpointConnection, options) => {
            const poller = create(context, resourceGroupName, workspaceName, privateEndpointConnectionName, privateEndpointConnection, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginCreateAndWait: async (resourceGroupName, workspaceName, privateEndpointConnectionName, privateEndpointConnection, options) => {
            return await create(context, resourceGroupName, workspaceName, privateEndpointConnectionName, privateEndpointConnection, options);
        },
        get: (resourceGroupName, workspaceName, privateEndpointConnectionName, options) => operations_get(context, resourceGroupName, workspaceName, privateEndpointConnectionName, options),
    };
}
function _getPrivateEndpointConnectionsOperations(context) {
    return {
        ..._getPrivateEndpointConnections(context),
    };
}
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/api/privateLinkResources/operations.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




function privateLinkResources_operations_listSend(context, resourceGroupName, workspaceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/privateLinkResources{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function privateLinkResources_operations_listDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _privateLinkResourcesListDeserializer(result.body);
}
/** List private link resources for a given workspace */
function privateLinkResources_operations_list(context, resourceGroupName, workspaceName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => privateLinkResources_operations_listSend(context, resourceGroupName, workspaceName, options), privateLinkResources_operations_listDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-01-01" });
}
function privateLinkResources_operations_getSend(context, resourceGroupName, workspaceName, groupId, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/privateLinkResources/{groupId}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        groupId: groupId,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function privateLinkResources_operations_getDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return groupIdInformationDeserializer(result.body);
}
/** Get the specified private link resource for the given group id (sub-resource) */
async function privateLinkResources_operations_get(context, resourceGroupName, workspaceName, groupId, options = { requestOptions: {} }) {
    const result = await privateLinkResources_operations_getSend(context, resourceGroupName, workspaceName, groupId, options);
    return privateLinkResources_operations_getDeserialize(result);
}
//# sourceMappingURL=operations.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/classic/privateLinkResources/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

function _getPrivateLinkResources(context) {
    return {
        list: (resourceGroupName, workspaceName, options) => privateLinkResources_operations_list(context, resourceGroupName, workspaceName, options),
        get: (resourceGroupName, workspaceName, groupId, options) => privateLinkResources_operations_get(context, resourceGroupName, workspaceName, groupId, options),
    };
}
function _getPrivateLinkResourcesOperations(context) {
    return {
        ..._getPrivateLinkResources(context),
    };
}
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/api/vNetPeering/operations.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.





function _listByWorkspaceSend(context, resourceGroupName, workspaceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/virtualNetworkPeerings{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listByWorkspaceDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _virtualNetworkPeeringListDeserializer(result.body);
}
/** Lists the workspace vNet Peerings. */
function listByWorkspace(context, resourceGroupName, workspaceName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listByWorkspaceSend(context, resourceGroupName, workspaceName, options), _listByWorkspaceDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-01-01" });
}
function vNetPeering_operations_$deleteSend(context, resourceGroupName, workspaceName, peeringName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/virtualNetworkPeerings/{peeringName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        peeringName: peeringName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function vNetPeering_operations_$deleteDeserialize(result) {
    const expectedStatuses = ["200", "202", "204"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Deletes the workspace vNetPeering. */
function vNetPeering_operations_$delete(context, resourceGroupName, workspaceName, peeringName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, vNetPeering_operations_$deleteDeserialize, ["200", "202", "204"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => vNetPeering_operations_$deleteSend(context, resourceGroupName, workspaceName, peeringName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-01-01",
    });
}
function operations_createOrUpdateSend(context, resourceGroupName, workspaceName, peeringName, virtualNetworkPeeringParameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/virtualNetworkPeerings/{peeringName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        peeringName: peeringName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: virtualNetworkPeeringSerializer(virtualNetworkPeeringParameters),
    });
}
async function operations_createOrUpdateDeserialize(result) {
    const expectedStatuses = ["200", "201", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return virtualNetworkPeeringDeserializer(result.body);
}
/** Creates vNet Peering for workspace. */
function operations_createOrUpdate(context, resourceGroupName, workspaceName, peeringName, virtualNetworkPeeringParameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, operations_createOrUpdateDeserialize, ["200", "201", "202"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => operations_createOrUpdateSend(context, resourceGroupName, workspaceName, peeringName, virtualNetworkPeeringParameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-01-01",
    });
}
function vNetPeering_operations_getSend(context, resourceGroupName, workspaceName, peeringName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/virtualNetworkPeerings/{peeringName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        peeringName: peeringName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function vNetPeering_operations_getDeserialize(result) {
    const expectedStatuses = ["200", "204"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return result.body ? virtualNetworkPeeringDeserializer(result.body) : undefined;
}
/** Gets the workspace vNet Peering. */
async function vNetPeering_operations_get(context, resourceGroupName, workspaceName, peeringName, options = { requestOptions: {} }) {
    const result = await vNetPeering_operations_getSend(context, resourceGroupName, workspaceName, peeringName, options);
    return vNetPeering_operations_getDeserialize(result);
}
//# sourceMappingURL=operations.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/classic/vNetPeering/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


function _getVNetPeering(context) {
    return {
        listByWorkspace: (resourceGroupName, workspaceName, options) => listByWorkspace(context, resourceGroupName, workspaceName, options),
        delete: (resourceGroupName, workspaceName, peeringName, options) => vNetPeering_operations_$delete(context, resourceGroupName, workspaceName, peeringName, options),
        beginDelete: async (resourceGroupName, workspaceName, peeringName, options) => {
            const poller = vNetPeering_operations_$delete(context, resourceGroupName, workspaceName, peeringName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAndWait: async (resourceGroupName, workspaceName, peeringName, options) => {
            return await vNetPeering_operations_$delete(context, resourceGroupName, workspaceName, peeringName, options);
        },
        createOrUpdate: (resourceGroupName, workspaceName, peeringName, virtualNetworkPeeringParameters, options) => operations_createOrUpdate(context, resourceGroupName, workspaceName, peeringName, virtualNetworkPeeringParameters, options),
        beginCreateOrUpdate: async (resourceGroupName, workspaceName, peeringName, virtualNetworkPeeringParameters, options) => {
            const poller = operations_createOrUpdate(context, resourceGroupName, workspaceName, peeringName, virtualNetworkPeeringParameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginCreateOrUpdateAndWait: async (resourceGroupName, workspaceName, peeringName, virtualNetworkPeeringParameters, options) => {
            return await operations_createOrUpdate(context, resourceGroupName, workspaceName, peeringName, virtualNetworkPeeringParameters, options);
        },
        get: (resourceGroupName, workspaceName, peeringName, options) => vNetPeering_operations_get(context, resourceGroupName, workspaceName, peeringName, options),
    };
}
function _getVNetPeeringOperations(context) {
    return {
        ..._getVNetPeering(context),
    };
}
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/api/workspaces/operations.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.





function operations_listBySubscriptionSend(context, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.Databricks/workspaces{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function operations_listBySubscriptionDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _workspaceListResultDeserializer(result.body);
}
/** Gets all the workspaces within a subscription. */
function operations_listBySubscription(context, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => operations_listBySubscriptionSend(context, options), operations_listBySubscriptionDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-01-01" });
}
function operations_listByResourceGroupSend(context, resourceGroupName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function operations_listByResourceGroupDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _workspaceListResultDeserializer(result.body);
}
/** Gets all the workspaces within a resource group. */
function operations_listByResourceGroup(context, resourceGroupName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => operations_listByResourceGroupSend(context, resourceGroupName, options), operations_listByResourceGroupDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-01-01" });
}
function workspaces_operations_$deleteSend(context, resourceGroupName, workspaceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}{?api%2Dversion,forceDeletion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
        forceDeletion: options?.forceDeletion,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function workspaces_operations_$deleteDeserialize(result) {
    const expectedStatuses = ["200", "202", "204"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Deletes the workspace. */
function workspaces_operations_$delete(context, resourceGroupName, workspaceName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, workspaces_operations_$deleteDeserialize, ["200", "202", "204"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => workspaces_operations_$deleteSend(context, resourceGroupName, workspaceName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-01-01",
    });
}
function operations_updateSend(context, resourceGroupName, workspaceName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).patch({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: workspaceUpdateSerializer(parameters),
    });
}
async function operations_updateDeserialize(result) {
    const expectedStatuses = ["200", "202", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return workspaceDeserializer(result.body);
}
/** Updates a workspace. */
function operations_update(context, resourceGroupName, workspaceName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, operations_updateDeserialize, ["200", "202", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => operations_updateSend(context, resourceGroupName, workspaceName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-01-01",
    });
}
function workspaces_operations_createOrUpdateSend(context, resourceGroupName, workspaceName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: workspaceSerializer(parameters),
    });
}
async function workspaces_operations_createOrUpdateDeserialize(result) {
    const expectedStatuses = ["200", "201", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return workspaceDeserializer(result.body);
}
/** Creates a new workspace. */
function workspaces_operations_createOrUpdate(context, resourceGroupName, workspaceName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, workspaces_operations_createOrUpdateDeserialize, ["200", "201", "202"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => workspaces_operations_createOrUpdateSend(context, resourceGroupName, workspaceName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-01-01",
    });
}
function workspaces_operations_getSend(context, resourceGroupName, workspaceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        workspaceName: workspaceName,
        "api%2Dversion": context.apiVersion ?? "2026-01-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function workspaces_operations_getDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return workspaceDeserializer(result.body);
}
/** Gets the workspace. */
async function workspaces_operations_get(context, resourceGroupName, workspaceName, options = { requestOptions: {} }) {
    const result = await workspaces_operations_getSend(context, resourceGroupName, workspaceName, options);
    return workspaces_operations_getDeserialize(result);
}
//# sourceMappingURL=operations.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/classic/workspaces/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


function _getWorkspaces(context) {
    return {
        listBySubscription: (options) => operations_listBySubscription(context, options),
        listByResourceGroup: (resourceGroupName, options) => operations_listByResourceGroup(context, resourceGroupName, options),
        delete: (resourceGroupName, workspaceName, options) => workspaces_operations_$delete(context, resourceGroupName, workspaceName, options),
        beginDelete: async (resourceGroupName, workspaceName, options) => {
            const poller = workspaces_operations_$delete(context, resourceGroupName, workspaceName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAndWait: async (resourceGroupName, workspaceName, options) => {
            return await workspaces_operations_$delete(context, resourceGroupName, workspaceName, options);
        },
        update: (resourceGroupName, workspaceName, parameters, options) => operations_update(context, resourceGroupName, workspaceName, parameters, options),
        beginUpdate: async (resourceGroupName, workspaceName, parameters, options) => {
            const poller = operations_update(context, resourceGroupName, workspaceName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginUpdateAndWait: async (resourceGroupName, workspaceName, parameters, options) => {
            return await operations_update(context, resourceGroupName, workspaceName, parameters, options);
        },
        createOrUpdate: (resourceGroupName, workspaceName, parameters, options) => workspaces_operations_createOrUpdate(context, resourceGroupName, workspaceName, parameters, options),
        beginCreateOrUpdate: async (resourceGroupName, workspaceName, parameters, options) => {
            const poller = workspaces_operations_createOrUpdate(context, resourceGroupName, workspaceName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginCreateOrUpdateAndWait: async (resourceGroupName, workspaceName, parameters, options) => {
            return await workspaces_operations_createOrUpdate(context, resourceGroupName, workspaceName, parameters, options);
        },
        get: (resourceGroupName, workspaceName, options) => workspaces_operations_get(context, resourceGroupName, workspaceName, options),
    };
}
function _getWorkspacesOperations(context) {
    return {
        ..._getWorkspaces(context),
    };
}
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/azureDatabricksManagementClient.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.








class AzureDatabricksManagementClient {
    _client;
    /** The pipeline used by this client to make requests */
    pipeline;
    /** ARM Databricks */
    constructor(credential, subscriptionIdOrOptions, options) {
        let subscriptionId;
        if (typeof subscriptionIdOrOptions === "string") {
            subscriptionId = subscriptionIdOrOptions;
        }
        else if (typeof subscriptionIdOrOptions === "object") {
            options = subscriptionIdOrOptions;
        }
        options = options ?? {};
        const prefixFromOptions = options?.userAgentOptions?.userAgentPrefix;
        const userAgentPrefix = prefixFromOptions
            ? `${prefixFromOptions} azsdk-js-client`
            : `azsdk-js-client`;
        this._client = createAzureDatabricksManagement(credential, subscriptionId ?? "", {
            ...options,
            userAgentOptions: { userAgentPrefix },
        });
        this.pipeline = this._client.pipeline;
        this.vNetPeering = _getVNetPeeringOperations(this._client);
        this.privateLinkResources = _getPrivateLinkResourcesOperations(this._client);
        this.outboundNetworkDependenciesEndpoints = _getOutboundNetworkDependenciesEndpointsOperations(this._client);
        this.accessConnectors = _getAccessConnectorsOperations(this._client);
        this.privateEndpointConnections = _getPrivateEndpointConnectionsOperations(this._client);
        this.workspaces = _getWorkspacesOperations(this._client);
        this.operations = _getOperationsOperations(this._client);
    }
    /** The operation groups for vNetPeering */
    vNetPeering;
    /** The operation groups for privateLinkResources */
    privateLinkResources;
    /** The operation groups for outboundNetworkDependenciesEndpoints */
    outboundNetworkDependenciesEndpoints;
    /** The operation groups for accessConnectors */
    accessConnectors;
    /** The operation groups for privateEndpointConnections */
    privateEndpointConnections;
    /** The operation groups for workspaces */
    workspaces;
    /** The operation groups for operations */
    operations;
}
//# sourceMappingURL=azureDatabricksManagementClient.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/restorePollerHelpers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.






/**
 * Creates a poller from the serialized state of another poller. This can be
 * useful when you want to create pollers on a different host or a poller
 * needs to be constructed after the original one is not in scope.
 */
function restorePoller(client, serializedState, sourceOperation, options) {
    const pollerConfig = deserializeState(serializedState).config;
    const { initialRequestUrl, requestMethod, metadata } = pollerConfig;
    if (!initialRequestUrl || !requestMethod) {
        throw new Error(`Invalid serialized state: ${serializedState} for sourceOperation ${sourceOperation?.name}`);
    }
    const resourceLocationConfig = metadata?.["resourceLocationConfig"];
    const { deserializer, expectedStatuses = [] } = getDeserializationHelper(initialRequestUrl, requestMethod) ?? {};
    const deserializeHelper = options?.processResponseBody ?? deserializer;
    if (!deserializeHelper) {
        throw new Error(`Please ensure the operation is in this client! We can't find its deserializeHelper for ${sourceOperation?.name}.`);
    }
    const apiVersion = getApiVersionFromUrl(initialRequestUrl);
    return getLongRunningPoller(client["_client"] ?? client, deserializeHelper, expectedStatuses, {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        resourceLocationConfig,
        restoreFrom: serializedState,
        initialRequestUrl,
        apiVersion,
    });
}
const deserializeMap = {
    "DELETE /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/virtualNetworkPeerings/{peeringName}": { deserializer: vNetPeering_operations_$deleteDeserialize, expectedStatuses: ["200", "202", "204"] },
    "PUT /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/virtualNetworkPeerings/{peeringName}": { deserializer: operations_createOrUpdateDeserialize, expectedStatuses: ["200", "201", "202"] },
    "DELETE /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/accessConnectors/{connectorName}": { deserializer: _$deleteDeserialize, expectedStatuses: ["200", "202", "204"] },
    "PATCH /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/accessConnectors/{connectorName}": { deserializer: _updateDeserialize, expectedStatuses: ["200", "202", "201"] },
    "PUT /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/accessConnectors/{connectorName}": {
        deserializer: _createOrUpdateDeserialize,
        expectedStatuses: ["200", "201", "202"],
    },
    "DELETE /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/privateEndpointConnections/{privateEndpointConnectionName}": {
        deserializer: operations_$deleteDeserialize,
        expectedStatuses: ["200", "202", "204"],
    },
    "PUT /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}/privateEndpointConnections/{privateEndpointConnectionName}": { deserializer: _createDeserialize, expectedStatuses: ["200", "202", "201"] },
    "DELETE /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}": { deserializer: workspaces_operations_$deleteDeserialize, expectedStatuses: ["200", "202", "204"] },
    "PATCH /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}": { deserializer: operations_updateDeserialize, expectedStatuses: ["200", "202", "201"] },
    "PUT /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Databricks/workspaces/{workspaceName}": { deserializer: workspaces_operations_createOrUpdateDeserialize, expectedStatuses: ["200", "201", "202"] },
};
function getDeserializationHelper(urlStr, method) {
    const path = new URL(urlStr).pathname;
    const pathParts = path.split("/");
    // Traverse list to match the longest candidate
    // matchedLen: the length of candidate path
    // matchedValue: the matched status code array
    let matchedLen = -1, matchedValue;
    // Iterate the responseMap to find a match
    for (const [key, value] of Object.entries(deserializeMap)) {
        // Extracting the path from the map key which is in format
        // GET /path/foo
        if (!key.startsWith(method)) {
            continue;
        }
        const candidatePath = getPathFromMapKey(key);
        // Get each part of the url path
        const candidateParts = candidatePath.split("/");
        // track if we have found a match to return the values found.
        let found = true;
        for (let i = candidateParts.length - 1, j = pathParts.length - 1; i >= 1 && j >= 1; i--, j--) {
            if (candidateParts[i]?.startsWith("{") && candidateParts[i]?.indexOf("}") !== -1) {
                const start = candidateParts[i].indexOf("}") + 1, end = candidateParts[i]?.length;
                // If the current part of the candidate is a "template" part
                // Try to use the suffix of pattern to match the path
                // {guid} ==> $
                // {guid}:export ==> :export$
                const isMatched = new RegExp(`${candidateParts[i]?.slice(start, end)}`).test(pathParts[j] || "");
                if (!isMatched) {
                    found = false;
                    break;
                }
                continue;
            }
            // If the candidate part is not a template and
            // the parts don't match mark the candidate as not found
            // to move on with the next candidate path.
            if (candidateParts[i] !== pathParts[j]) {
                found = false;
                break;
            }
        }
        // We finished evaluating the current candidate parts
        // Update the matched value if and only if we found the longer pattern
        if (found && candidatePath.length > matchedLen) {
            matchedLen = candidatePath.length;
            matchedValue = value;
        }
    }
    return matchedValue;
}
function getPathFromMapKey(mapKey) {
    const pathStart = mapKey.indexOf("/");
    return mapKey.slice(pathStart);
}
function getApiVersionFromUrl(urlStr) {
    const url = new URL(urlStr);
    return url.searchParams.get("api-version") ?? undefined;
}
//# sourceMappingURL=restorePollerHelpers.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/models/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-databricks/dist/esm/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.






//# sourceMappingURL=index.js.map

/***/ })

};
