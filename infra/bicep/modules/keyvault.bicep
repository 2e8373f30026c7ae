// Key Vault in RBAC mode for the app's secrets (the current token signing key among them; retired keys stay in
// the vault under their own names until they are dropped from the key ring). A secret is written only when its value is
// passed in: redeploying without the value keeps the one already in the vault (and its rotation
// history) instead of blanking it.

param name string
param location string
param tags object

@description('Purge protection cannot be switched off once on; dev may want to recreate vaults.')
param enablePurgeProtection bool

@description('True only for a quick trial; otherwise the vault refuses every network but its private endpoint.')
param allowPublicNetworkAccess bool

@description('Principal that resolves the Key Vault references (the app identity).')
param readerPrincipalId string

@description('Resource id of that principal, known before deployment: keeps role assignment names (and what-if) stable.')
param principalResourceId string

@description('Secret names in the vault, keyed by purpose.')
param secretNames {
  sendGridApiKey: string
  tokenSigningKey: string
  inboundSharedSecret: string
  sendGridEventWebhookPublicKey: string
}

@secure()
param sendGridApiKey string

@secure()
param tokenSigningKey string

@secure()
param inboundSharedSecret string

@secure()
param sendGridEventWebhookPublicKey string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // The API accepts true or absent, never false.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: allowPublicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      bypass: allowPublicNetworkAccess ? 'AzureServices' : 'None'
      defaultAction: allowPublicNetworkAccess ? 'Allow' : 'Deny'
    }
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: secretNames.sendGridApiKey
  properties: {
    value: sendGridApiKey
    contentType: 'text/plain'
  }
}

resource tokenSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(tokenSigningKey)) {
  parent: vault
  name: secretNames.tokenSigningKey
  properties: {
    value: tokenSigningKey
    contentType: 'text/plain'
  }
}

resource inboundSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(inboundSharedSecret)) {
  parent: vault
  name: secretNames.inboundSharedSecret
  properties: {
    value: inboundSharedSecret
    contentType: 'text/plain'
  }
}

resource eventWebhookKey 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(sendGridEventWebhookPublicKey)) {
  parent: vault
  name: secretNames.sendGridEventWebhookPublicKey
  properties: {
    value: sendGridEventWebhookPublicKey
    contentType: 'text/plain'
  }
}

// Read-only access to secret values; the vault holds nothing but this app's secrets.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalResourceId, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      '4633458b-17de-408a-b874-0445c86b69e6'
    )
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
