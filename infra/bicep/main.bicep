// MigrationAgenda: everything the Functions app needs in one resource group.
// Deploy with `azd up` (azure.yaml at the repo root) or `az deployment group create`; see docs/deploy.md.

targetScope = 'resourceGroup'

@description('Short environment name (dev, prod); part of every resource name.')
@minLength(2)
@maxLength(20)
param environmentName string

@description('Short application name; part of every resource name.')
@minLength(2)
@maxLength(12)
param appName string = 'migagenda'

param location string = resourceGroup().location

param tags object = {}

// ---- Function App scale ------------------------------------------------------------------------

@description('Memory per instance in MB (Flex Consumption sizes).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound on scale-out; also bounds cost and the load on storage.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Always-ready instances for the durable group, so timers and replies are picked up without a cold start.')
@minValue(1)
@maxValue(20)
param durableAlwaysReadyInstances int = 1

// ---- Storage and monitoring ----------------------------------------------------------------------

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@minValue(1)
@maxValue(365)
param blobDeleteRetentionDays int = 14

@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Off only for throwaway environments: a purge-protected vault name stays taken for 90 days after deletion.')
param keyVaultPurgeProtection bool = true

// ---- App settings the code reads -------------------------------------------------------------------
// Defaults point at reserved example domains so that a forgotten value can never mail a real person.

@description('Mail:FromAddress, the sender of requests, reminders and escalations (a SendGrid-verified domain).')
param mailFromAddress string = 'noreply@example.org'

@description('Mail:FromName, display name of the sender.')
param mailFromName string = 'Migratieagenda'

@description('Mail:InboundDomain, the SendGrid Inbound Parse subdomain; replies go to reply+TOKEN@this domain.')
param mailInboundDomain string = 'inbound.example.org'

@description('Tokens:Lifetime, how long a reply address stays valid (ISO 8601 duration).')
param tokenLifetime string = 'P180D'

@description('Inbound:MaxRequestBytes, the largest webhook body accepted (SendGrid caps a message at 30 MB).')
@minValue(1048576)
@maxValue(52428800)
param inboundMaxRequestBytes int = 31457280

@description('Inbound:SpamScoreThreshold, SendGrid spam score at or above which mail is quarantined (decimal, invariant culture).')
param inboundSpamScoreThreshold string = '5.0'

// ---- Sign-in (App Service Authentication with Microsoft Entra ID) ------------------------------------

@description('Client id of the Entra ID app registration for the coordinator\'s page and the API (docs/deploy.md).')
param authClientId string

@description('Tenant id of that app registration; defaults to the tenant of the deployment.')
param authTenantId string = tenant().tenantId

// ---- Secrets -----------------------------------------------------------------------------------------
// Written to Key Vault only when given; leave empty on redeploys to keep the stored value.

@secure()
@description('SendGrid API key with Mail Send permission.')
param sendGridApiKey string = ''

@secure()
@description('HMAC key for reply tokens (at least 32 random bytes, base64).')
param tokenSigningKey string = ''

@secure()
@description('Shared secret the Inbound Parse webhook must present (query parameter secret or basic-auth password).')
param inboundSharedSecret string = ''

// ------------------------------------------------------------------------------------------------------

var resourceToken = uniqueString(subscription().id, resourceGroup().id, appName, environmentName)
var baseName = '${appName}-${environmentName}'
var allTags = union(tags, {
  application: 'MigrationAgenda'
  environment: environmentName
})
var identityName = 'id-${baseName}'
var identityResourceId = resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', identityName)
var appInsightsName = 'appi-${baseName}'
var secretNames = {
  sendGridApiKey: 'sendgrid-api-key'
  tokenSigningKey: 'token-signing-key'
  inboundSharedSecret: 'inbound-shared-secret'
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: identityName
    location: location
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: allTags
    skuName: storageSkuName
    deploymentContainerName: 'app-package'
    deleteRetentionDays: blobDeleteRetentionDays
    dataPrincipalId: identity.outputs.principalId
    principalResourceId: identityResourceId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${baseName}'
    appInsightsName: appInsightsName
    location: location
    tags: allTags
    retentionInDays: logRetentionDays
    publisherPrincipalId: identity.outputs.principalId
    principalResourceId: identityResourceId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: allTags
    enablePurgeProtection: keyVaultPurgeProtection
    readerPrincipalId: identity.outputs.principalId
    principalResourceId: identityResourceId
    secretNames: secretNames
    sendGridApiKey: sendGridApiKey
    tokenSigningKey: tokenSigningKey
    inboundSharedSecret: inboundSharedSecret
  }
}

// Storage and Key Vault come in through their outputs; monitoring only by name. Waiting for all
// three means every role assignment exists before the host first starts.
module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  dependsOn: [
    monitoring
  ]
  params: {
    planName: 'plan-${baseName}'
    appName: 'func-${baseName}-${resourceToken}'
    location: location
    tags: allTags
    azdServiceName: 'functions'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    durableAlwaysReadyInstances: durableAlwaysReadyInstances
    appInsightsName: appInsightsName
    keyVaultName: keyVault.outputs.name
    secretNames: secretNames
    mailFromAddress: mailFromAddress
    mailFromName: mailFromName
    mailInboundDomain: mailInboundDomain
    tokenLifetime: tokenLifetime
    inboundMaxRequestBytes: inboundMaxRequestBytes
    inboundSpamScoreThreshold: inboundSpamScoreThreshold
    authClientId: authClientId
    authTenantId: authTenantId
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
@description('Set this as the SendGrid Inbound Parse destination, adding ?code=<function key>&secret=<shared secret> (see docs/deploy.md).')
output inboundWebhookUrl string = 'https://${functionApp.outputs.defaultHostName}/api/inbound/sendgrid'
output vaultName string = keyVault.outputs.name
output storageAccountName string = storage.outputs.name
output appInsightsName string = monitoring.outputs.appInsightsName
