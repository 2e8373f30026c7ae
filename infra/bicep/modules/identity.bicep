// The app's only identity. User-assigned rather than system-assigned so that role assignments
// and Key Vault access exist before the Function App does (no first-start failures while RBAC
// propagates) and survive a re-creation of the site.

@description('Name of the user-assigned managed identity.')
param name string

param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
