// Development environment. `azd up` picks this file up and fills the environment variables from
// the azd environment (.azure/<env>/.env); plain `az deployment group create` reads them from the shell.
// Secrets are never written here: export them, or set them in Key Vault afterwards (docs/deploy.md).
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')

param tags = {
  'azd-env-name': readEnvironmentVariable('AZURE_ENV_NAME', 'dev')
  costCenter: 'dev'
}

// Small and cheap: one warm instance, low ceiling, a vault that can be purged when torn down.
param instanceMemoryMB = 2048
param maximumInstanceCount = 10
param durableAlwaysReadyInstances = 1
param storageSkuName = 'Standard_LRS'
param blobDeleteRetentionDays = 7
param logRetentionDays = 30
param keyVaultPurgeProtection = false

param mailFromAddress = readEnvironmentVariable('MAIL_FROM_ADDRESS', 'noreply@example.org')
param mailFromName = readEnvironmentVariable('MAIL_FROM_NAME', 'Migratieagenda (test)')
param mailInboundDomain = readEnvironmentVariable('MAIL_INBOUND_DOMAIN', 'inbound.example.org')
// Short-lived reply addresses in dev, so that stale test mail is refused quickly.
param tokenLifetime = 'P30D'
param inboundMaxRequestBytes = 31457280
param inboundSpamScoreThreshold = '5.0'

// Private like prod unless ALLOW_PUBLIC_NETWORK_ACCESS=true (a quick trial from a laptop: storage and vault public).
param allowPublicNetworkAccess = toLower(readEnvironmentVariable('ALLOW_PUBLIC_NETWORK_ACCESS', 'false')) == 'true'

// Test data only: short retention.
param inboundMailRetentionDays = 30
param quarantinedMailRetentionDays = 14
param outboxRetentionDays = 30

// Reply-token key ring (docs/operations.md): TOKEN_KEY_ID signs, TOKEN_PREVIOUS_KEY_IDS (comma-separated) still verify.
param tokenKeyId = readEnvironmentVariable('TOKEN_KEY_ID', 'a')
param tokenPreviousKeyIds = empty(readEnvironmentVariable('TOKEN_PREVIOUS_KEY_IDS', ''))
  ? []
  : split(readEnvironmentVariable('TOKEN_PREVIOUS_KEY_IDS', ''), ',')

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
