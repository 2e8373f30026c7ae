// Flex Consumption (FC1) Function App running the dotnet-isolated worker. Every connection is
// identity-based through the user-assigned identity; secrets are Key Vault references.

param planName string
param appName string
param location string
param tags object

@description('azd finds the app to deploy to by this tag.')
param azdServiceName string

param identityId string
param identityClientId string

param storageAccountName string
param deploymentContainerUrl string

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Instances kept warm for the Durable Functions group (orchestrators, activities, entities).')
@minValue(1)
@maxValue(20)
param durableAlwaysReadyInstances int

@description('Read here rather than passed as a module output, so it never shows in deployment history.')
param appInsightsName string

param keyVaultName string
param secretNames {
  sendGridApiKey: string
  tokenSigningKey: string
  inboundSharedSecret: string
  sendGridEventWebhookPublicKey: string
}

param mailFromAddress string
param mailFromName string
param mailInboundDomain string
param tokenLifetime string

@description('Id of the key in secretNames.tokenSigningKey (Tokens:KeyId).')
param tokenKeyId string

@description('Retired keys still accepted (Tokens:PreviousKeys:<id>): id and vault secret name of each.')
param previousTokenKeys {
  id: string
  secretName: string
}[]
param inboundMaxRequestBytes int
param inboundSpamScoreThreshold string

@description('Retention periods in days for the daily retention run; the blob periods are the lifecycle rules\' own.')
param retention {
  inboundMailDays: int
  quarantinedMailDays: int
  outboxDays: int
  historyDaysAfterFinal: int
  personalDataDaysAfterFinal: int
}

@description('Client id of the Microsoft Entra ID app registration that signs coordinators in (App Service Authentication).')
param authClientId string

@description('Tenant id of that app registration.')
param authTenantId string

@description('User principal names or object ids with the coordinator role besides the app role (Auth__Coordinators).')
param authCoordinators array

@description('User principal names or object ids with the approver role besides the app role (Auth__Approvers).')
param authApprovers array

@description('Subnet delegated to Microsoft.App/environments for VNet integration; empty in public mode.')
param virtualNetworkSubnetId string

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    // Key Vault references resolve with this identity, not a system-assigned one.
    keyVaultReferenceIdentity: identityId
    // Private mode: every outbound call goes through the VNet, to the private endpoints and out via the NAT gateway.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: [
          {
            name: 'durable'
            instanceCount: durableAlwaysReadyInstances
          }
        ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // GET /api/healthz: tables, blobs and the task hub (src/Shared/Http/HealthEndpoint.cs). It stays behind App
      // Service Authentication: the platform's health check requests pass sign-in without a token.
      healthCheckPath: '/api/healthz'
      // Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION: the
      // runtime comes from functionAppConfig above.
      appSettings: concat([
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storageAccountName
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'Storage__AccountName'
          value: storageAccountName
        }
        {
          name: 'Storage__ClientId'
          value: identityClientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        {
          name: 'Mail__SendGridApiKey'
          value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.sendGridApiKey})'
        }
        {
          name: 'Mail__FromAddress'
          value: mailFromAddress
        }
        {
          name: 'Mail__FromName'
          value: mailFromName
        }
        {
          name: 'Mail__InboundDomain'
          value: mailInboundDomain
        }
        {
          name: 'Tokens__SigningKey'
          value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.tokenSigningKey})'
        }
        {
          name: 'Tokens__KeyId'
          value: tokenKeyId
        }
        {
          name: 'Tokens__Lifetime'
          value: tokenLifetime
        }
        {
          name: 'Inbound__SharedSecret'
          value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.inboundSharedSecret})'
        }
        {
          // Verifies the signature of SendGrid's Event Webhook (bounces escalate at once; docs/deploy.md).
          name: 'Mail__EventWebhookPublicKey'
          value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.sendGridEventWebhookPublicKey})'
        }
        {
          // The page's own origin: state-changing API calls from any other (cross-site request forgery) are refused.
          name: 'Http__Origins'
          value: 'https://${appName}.azurewebsites.net'
        }
        {
          // The approver's mails link to the round on the page (absolute: a mail client has no base address).
          name: 'Mail__PageBaseUrl'
          value: 'https://${appName}.azurewebsites.net'
        }
        {
          name: 'Inbound__MaxRequestBytes'
          value: string(inboundMaxRequestBytes)
        }
        {
          name: 'Inbound__SpamScoreThreshold'
          value: inboundSpamScoreThreshold
        }
        {
          // The daily retention run (tables, task hub) uses the same periods as the blob lifecycle rules.
          name: 'Retention__InboundMailDays'
          value: string(retention.inboundMailDays)
        }
        {
          name: 'Retention__QuarantinedMailDays'
          value: string(retention.quarantinedMailDays)
        }
        {
          name: 'Retention__OutboxDays'
          value: string(retention.outboxDays)
        }
        {
          name: 'Retention__HistoryDaysAfterFinal'
          value: string(retention.historyDaysAfterFinal)
        }
        {
          name: 'Retention__PersonalDataDaysAfterFinal'
          value: string(retention.personalDataDaysAfterFinal)
        }
        {
          // Callers come signed in through App Service Authentication (the default, written out): a request without
          // the principal it passes is refused. Roles: the app roles Coordinator/Approver, or these lists.
          name: 'Auth__Mode'
          value: 'AppService'
        }
        {
          name: 'Auth__Coordinators'
          value: join(authCoordinators, ',')
        }
        {
          name: 'Auth__Approvers'
          value: join(authApprovers, ',')
        }
        {
          // The coordinator's page answers "/" (a redirect to /app/), not the host's own home page.
          name: 'AzureWebJobsDisableHomepage'
          value: 'true'
        }
      ], map(previousTokenKeys, k => {
        name: 'Tokens__PreviousKeys__${k.id}'
        value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${k.secretName})'
      }))
    }
  }
}

// App Service Authentication (Easy Auth) with Microsoft Entra ID in front of everything: the coordinator's page
// (/, /app/…) is an anonymous function only because nobody reaches it without signing in here. Unauthenticated
// browser requests are redirected to the Entra sign-in; the page calls /api with X-Requested-With: XMLHttpRequest,
// for which App Service answers 401 instead of a redirect (the page then asks the user to reload and sign in).
// The SendGrid webhooks cannot sign in: they are excluded and keep their own function key plus the shared secret
// (Inbound Parse) or SendGrid's signature (Event Webhook).
resource auth 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: [
        '/api/inbound/sendgrid'
        '/api/mail/events'
      ]
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
            authClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
  }
}

// Deployments go through Entra (azd, az functionapp deploy); no publishing passwords exist.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
