// The app's storage: Durable Task hub (queues, tables, leases), the app's own tables and blobs,
// and the Flex Consumption deployment package. Entra-only: no account key can be used at all; in private mode
// reachable only through the private endpoints in network.bicep. Blobs are versioned and soft-deleted, and
// lifecycle rules delete raw mail and outbox copies after their retention (never the letters).

param name string
param location string
param tags object

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Blob container Flex Consumption deploys the app package into.')
param deploymentContainerName string

@description('Days deleted blobs and containers stay recoverable (raw inbound mail, letters).')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int

@description('Days raw inbound mail (container inbound) is kept.')
@minValue(30)
@maxValue(3650)
param inboundMailRetentionDays int

@description('Days copies of outgoing mail (container outbox) are kept.')
@minValue(7)
@maxValue(3650)
param outboxRetentionDays int

@description('True only for a quick trial; otherwise the account refuses every network but its private endpoints.')
param allowPublicNetworkAccess bool

@description('Principal that gets data-plane access (the app identity).')
param dataPrincipalId string

@description('Resource id of that principal, known before deployment: keeps role assignment names (and what-if) stable.')
param principalResourceId string

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    publicNetworkAccess: allowPublicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      bypass: allowPublicNetworkAccess ? 'AzureServices' : 'None'
      defaultAction: allowPublicNetworkAccess ? 'Allow' : 'Deny'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
        }
        file: {
          enabled: true
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    // An overwritten or deleted blob stays as a previous version for deleteRetentionDays (docs/operations.md, restore).
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Retention per kind of blob (AVG). Lifecycle deletes are soft deletes: with versioning a deleted blob becomes a
// previous version, which the version action removes deleteRetentionDays later, so a mistake can still be undone.
// Quarantined mail goes sooner, by the app's daily retention run, which knows each archive's outcome from its Inbound
// row (the raw payload is archived before the outcome is known, so no prefix can say it; a blob index tag set after
// the outcome cost every quarantined mail a second blob write). The inboundMail rule is the backstop for it as for
// all raw mail. Nothing touches letters/: the final letter and its manifest are public record.
var inboundContainer = 'inbound'
var outboxContainer = 'outbox'

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'inboundMail'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${inboundContainer}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: inboundMailRetentionDays
                }
              }
              version: {
                delete: {
                  daysAfterCreationGreaterThan: deleteRetentionDays
                }
              }
            }
          }
        }
        {
          name: 'outboxCopies'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${outboxContainer}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: outboxRetentionDays
                }
              }
              version: {
                delete: {
                  daysAfterCreationGreaterThan: deleteRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  // Versioning must be on before a rule with a version action is accepted.
  dependsOn: [
    blobService
  ]
}

// Exactly the data-plane roles the app needs; no control-plane role, no key listing.
// Blob Data Owner (not Contributor): the Functions host and Durable Task manage blob leases.
resource blobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalResourceId, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
    )
    principalId: dataPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource queueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalResourceId, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
    )
    principalId: dataPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalResourceId, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
    )
    principalId: dataPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = storage.name
output id string = storage.id
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
