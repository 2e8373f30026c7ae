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

// ---- Retention of the app's blobs (lifecycle management; the final letter and its manifest are never deleted) --------

@description('Days raw inbound mail (container inbound) is kept; personal data of civil servants (AVG), default two years.')
@minValue(30)
@maxValue(3650)
param inboundMailRetentionDays int = 730

@description('Days quarantined inbound mail is kept: the daily retention run deletes it and its row.')
@minValue(7)
@maxValue(3650)
param quarantinedMailRetentionDays int = 90

@description('Days copies of outgoing mail (container outbox) are kept.')
@minValue(7)
@maxValue(3650)
param outboxRetentionDays int = 180

@description('Days a finished round\'s orchestration history stays in the task hub after its final letter (the daily retention run purges it).')
@minValue(1)
@maxValue(3650)
param historyRetentionDays int = 30

@description('Days after its final letter a finished round\'s addresses and mail texts are removed by the daily retention run (0: only on request).')
@minValue(0)
@maxValue(3650)
param personalDataRetentionDays int = 730

// ---- Network -------------------------------------------------------------------------------------------------------

@description('True only for a quick trial: storage and Key Vault accept traffic from the internet and the app runs without a virtual network. False (the default, and prod) puts both behind private endpoints reached through VNet integration.')
param allowPublicNetworkAccess bool = false

@description('Address space of the app\'s virtual network (private mode); the app and the private endpoints get a /24 each.')
param vnetAddressPrefix string = '10.40.0.0/16'

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

@description('Tokens:KeyId, the one-letter id of the key that signs new reply addresses. Key a lives in the vault secret token-signing-key (the key from before key ids), every other id x in token-signing-key-x (docs/operations.md, rotation).')
param tokenKeyId keyId = 'a'

@description('Ids of retired signing keys whose reply addresses must keep working until they expire (Tokens:PreviousKeys:<id>).')
param tokenPreviousKeyIds keyId[] = []

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

@description('Coordinators besides those with the Entra app role Coordinator: user principal names or object ids (Auth__Coordinators).')
param authCoordinators array = []

@description('Approvers besides those with the Entra app role Approver and each round\'s approver address: UPNs or object ids (Auth__Approvers).')
param authApprovers array = []

// ---- Alerts (docs/operations.md says what each one means and what to do) -----------------------------------------------

@description('Where alerts go: the operator on call (an address or a distribution list).')
param operatorEmail string = 'operator@example.org'

@description('The SendGrid webhook answering 5xx more than this many times in 15 minutes raises an alert (SendGrid retries 5xx, so a few are harmless).')
@minValue(1)
@maxValue(1000)
param webhookErrorAlertThreshold int = 5

@description('Minutes an inbound message may stay in "received" (archived, not yet accepted or quarantined) before an alert.')
@minValue(15)
@maxValue(240)
param inboundStuckAlertMinutes int = 30

@description('Minutes of SendGrid delivery delay (deferred) after which an alert is raised.')
@minValue(15)
@maxValue(1440)
param mailDelayAlertMinutes int = 60

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

@secure()
@description('Verification key of the SendGrid Signed Event Webhook (base64, as SendGrid shows it); public, kept in the vault with the other webhook settings.')
param sendGridEventWebhookPublicKey string = ''

// ------------------------------------------------------------------------------------------------------

@minLength(1)
@maxLength(1)
@description('A signing key id: one lower-case letter or digit (the app refuses anything else at start-up).')
type keyId = string

// Key a is the key from before key ids, kept in the secret it always had; every later key has a secret of its own.
func tokenKeySecretName(id string) string => id == 'a' ? 'token-signing-key' : 'token-signing-key-${id}'

var resourceToken = uniqueString(subscription().id, resourceGroup().id, appName, environmentName)
var baseName = '${appName}-${environmentName}'
var allTags = union(tags, {
  application: 'MigrationAgenda'
  environment: environmentName
})
var identityName = 'id-${baseName}'
var identityResourceId = resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', identityName)
var appInsightsName = 'appi-${baseName}'
var storageAccountName = 'st${resourceToken}'
var vaultName = 'kv-${resourceToken}'
var secretNames = {
  sendGridApiKey: 'sendgrid-api-key'
  tokenSigningKey: tokenKeySecretName(tokenKeyId)
  inboundSharedSecret: 'inbound-shared-secret'
  sendGridEventWebhookPublicKey: 'sendgrid-event-webhook-public-key'
}
var previousTokenKeys = map(tokenPreviousKeyIds, id => {
  id: id
  secretName: tokenKeySecretName(id)
})
var vnetName = 'vnet-${baseName}'

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
    name: storageAccountName
    location: location
    tags: allTags
    skuName: storageSkuName
    deploymentContainerName: 'app-package'
    deleteRetentionDays: blobDeleteRetentionDays
    inboundMailRetentionDays: inboundMailRetentionDays
    outboxRetentionDays: outboxRetentionDays
    allowPublicNetworkAccess: allowPublicNetworkAccess
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
    name: vaultName
    location: location
    tags: allTags
    enablePurgeProtection: keyVaultPurgeProtection
    allowPublicNetworkAccess: allowPublicNetworkAccess
    readerPrincipalId: identity.outputs.principalId
    principalResourceId: identityResourceId
    secretNames: secretNames
    sendGridApiKey: sendGridApiKey
    tokenSigningKey: tokenSigningKey
    inboundSharedSecret: inboundSharedSecret
    sendGridEventWebhookPublicKey: sendGridEventWebhookPublicKey
  }
}

// Private mode: the app's subnet, private endpoints for blob, queue, table and the vault, their DNS zones, and a NAT
// gateway for what the app must reach on the internet (SendGrid, Entra ID, Application Insights).
module network 'modules/network.bicep' = if (!allowPublicNetworkAccess) {
  name: 'network'
  dependsOn: [
    storage
    keyVault
  ]
  params: {
    vnetName: vnetName
    location: location
    tags: allTags
    addressPrefix: vnetAddressPrefix
    storageAccountName: storageAccountName
    vaultName: vaultName
  }
}

// Storage and Key Vault come in through their outputs; monitoring and the network by name. Waiting for all of them
// means every role assignment and private endpoint exists before the host first starts.
module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  dependsOn: [
    monitoring
    network
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
    tokenKeyId: tokenKeyId
    previousTokenKeys: previousTokenKeys
    inboundMaxRequestBytes: inboundMaxRequestBytes
    inboundSpamScoreThreshold: inboundSpamScoreThreshold
    retention: {
      inboundMailDays: inboundMailRetentionDays
      quarantinedMailDays: quarantinedMailRetentionDays
      outboxDays: outboxRetentionDays
      historyDaysAfterFinal: historyRetentionDays
      personalDataDaysAfterFinal: personalDataRetentionDays
    }
    authClientId: authClientId
    authTenantId: authTenantId
    authCoordinators: authCoordinators
    authApprovers: authApprovers
    virtualNetworkSubnetId: allowPublicNetworkAccess ? '' : resourceId('Microsoft.Network/virtualNetworks/subnets', vnetName, 'app')
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  dependsOn: [
    monitoring
  ]
  params: {
    baseName: baseName
    location: location
    tags: allTags
    appInsightsName: appInsightsName
    operatorEmail: operatorEmail
    webhookErrorAlertThreshold: webhookErrorAlertThreshold
    inboundStuckAlertMinutes: inboundStuckAlertMinutes
    mailDelayAlertMinutes: mailDelayAlertMinutes
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
@description('Set this as the SendGrid Inbound Parse destination, adding ?code=<function key>&secret=<shared secret> (see docs/deploy.md).')
output inboundWebhookUrl string = 'https://${functionApp.outputs.defaultHostName}/api/inbound/sendgrid'
@description('Set this as the SendGrid Event Webhook\'s HTTP Post URL, adding ?code=<function key> (see docs/deploy.md).')
output mailEventsWebhookUrl string = 'https://${functionApp.outputs.defaultHostName}/api/mail/events'
output vaultName string = keyVault.outputs.name
output storageAccountName string = storage.outputs.name
output appInsightsName string = monitoring.outputs.appInsightsName
@description('The address the app reaches the internet from in private mode (SendGrid IP access management); empty in public mode.')
output outboundIpAddress string = allowPublicNetworkAccess ? '' : network!.outputs.outboundIpAddress
