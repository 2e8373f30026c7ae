// Production environment: `az deployment group create --parameters infra/bicep/main.prod.bicepparam`,
// or with azd by pointing an azd environment at it (docs/deploy.md).
// The mail addresses must be set before the first deployment; the example.org defaults only make
// sure a forgotten value never reaches a real mailbox.
using 'main.bicep'

param environmentName = 'prod'
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')

param tags = {
  costCenter: 'migration-agenda'
}

// A round is a few hundred messages over months: the ceiling is there for spam bursts, not load.
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param durableAlwaysReadyInstances = 1
param storageSkuName = 'Standard_ZRS'
param blobDeleteRetentionDays = 30
param logRetentionDays = 90
param keyVaultPurgeProtection = true

param mailFromAddress = readEnvironmentVariable('MAIL_FROM_ADDRESS', 'noreply@example.org')
param mailFromName = readEnvironmentVariable('MAIL_FROM_NAME', 'Migratieagenda')
param mailInboundDomain = readEnvironmentVariable('MAIL_INBOUND_DOMAIN', 'inbound.example.org')
param tokenLifetime = 'P180D'
param inboundMaxRequestBytes = 31457280
param inboundSpamScoreThreshold = '5.0'

// Private by default: storage and Key Vault only through private endpoints. Never true in prod.
param allowPublicNetworkAccess = false

// Retention (AVG): raw mail two years, quarantined mail 90 days, outbox copies 180 days; letters are never deleted.
param inboundMailRetentionDays = 730
param quarantinedMailRetentionDays = 90
param outboxRetentionDays = 180

// Reply-token key ring: key tokenKeyId signs; keys in tokenPreviousKeyIds keep older reply addresses working until
// they expire (rotation in docs/operations.md). Ids are not secret; this file is the rotation's record.
param tokenKeyId = 'a'
param tokenPreviousKeyIds = []

param operatorEmail = readEnvironmentVariable('OPERATOR_EMAIL', 'operator@example.org')
param webhookErrorAlertThreshold = 5
param inboundStuckAlertMinutes = 30
param mailDelayAlertMinutes = 60

// Sign-in to the page and the API (App Service Authentication). The all-zero placeholder fails closed: nobody can
// sign in until AUTH_CLIENT_ID names the real Entra app registration (docs/deploy.md).
param authClientId = readEnvironmentVariable('AUTH_CLIENT_ID', '00000000-0000-0000-0000-000000000000')

param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY', '')
param tokenSigningKey = readEnvironmentVariable('TOKEN_SIGNING_KEY', '')
param inboundSharedSecret = readEnvironmentVariable('INBOUND_SHARED_SECRET', '')
param sendGridEventWebhookPublicKey = readEnvironmentVariable('SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY', '')
