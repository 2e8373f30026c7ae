// What pages the operator: an action group mailing operatorEmail, and one log search alert per condition in
// docs/operations.md. The queries read telemetry under the names in src/Shared/Telemetry/TelemetryNames.cs (the
// InfraTests check every query against those constants): the app's custom events, the Functions host's requests and
// the Durable Task extension's tracking traces.

param baseName string
param location string
param tags object
param appInsightsName string

@description('Where alerts go: the operator on call.')
param operatorEmail string

@minValue(1)
param webhookErrorAlertThreshold int

@minValue(15)
@maxValue(240)
param inboundStuckAlertMinutes int

@minValue(15)
param mailDelayAlertMinutes int

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${baseName}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'MigAgenda'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: operatorEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// A failed round: the app's RoundFailed event, or the Durable Task extension's own trace of the orchestration failing
// (so the alert works whichever arrives first).
module roundFailed 'logalert.bicep' = {
  name: 'alert-round-failed'
  params: {
    name: 'alert-${baseName}-round-failed'
    displayName: 'MigrationAgenda: a round failed'
    alertDescription: 'A round orchestration ended Failed. docs/operations.md#a-round-failed'
    location: location
    tags: tags
    scope: appInsights.id
    actionGroupId: operators.id
    severity: 1
    threshold: 0
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    autoMitigate: true
    dimensions: [
      'roundId'
    ]
    query: '''
let appEvents = customEvents
| where name == "RoundFailed"
| project timestamp, roundId = tostring(customDimensions["RoundId"]);
let engineTraces = traces
| where tostring(customDimensions["Category"]) == "Host.Triggers.DurableTask"
| where tostring(customDimensions["prop__functionName"]) == "RoundOrchestrator"
| where tostring(customDimensions["prop__state"]) == "Failed"
| where tolower(tostring(customDimensions["prop__isReplay"])) != "true"
| project timestamp, roundId = tostring(customDimensions["prop__instanceId"]);
union appEvents, engineTraces
| summarize failedAt = min(timestamp) by roundId
'''
  }
}

// SendGrid retries 5xx for 72 hours, so a few are harmless; many mean storage or the app is down while replies arrive.
module webhookErrors 'logalert.bicep' = {
  name: 'alert-webhook-5xx'
  params: {
    name: 'alert-${baseName}-webhook-5xx'
    displayName: 'MigrationAgenda: the SendGrid webhook answers 5xx'
    alertDescription: 'The Inbound Parse webhook answered 5xx more than ${webhookErrorAlertThreshold} times in 15 minutes. docs/operations.md#the-webhook-answers-5xx'
    location: location
    tags: tags
    scope: appInsights.id
    actionGroupId: operators.id
    severity: 2
    threshold: webhookErrorAlertThreshold
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    autoMitigate: true
    query: '''
requests
| where name == "InboundSendGrid"
| where toint(resultCode) >= 500
| project timestamp, resultCode, operation_Id
'''
  }
}

// Received (archived) but neither accepted nor quarantined after inboundStuckAlertMinutes: intake broke half-way and
// SendGrid's retries did not settle it. Each message is looked at in exactly one 15-minute slice, so it alerts once.
module inboundStuck 'logalert.bicep' = {
  name: 'alert-inbound-stuck'
  params: {
    name: 'alert-${baseName}-inbound-stuck'
    displayName: 'MigrationAgenda: an inbound message is stuck in received'
    alertDescription: 'An inbound message stayed in "received" for more than ${inboundStuckAlertMinutes} minutes. docs/operations.md#an-inbound-message-is-stuck'
    location: location
    tags: tags
    scope: appInsights.id
    actionGroupId: operators.id
    severity: 2
    threshold: 0
    windowSize: 'PT6H'
    evaluationFrequency: 'PT15M'
    autoMitigate: false
    dimensions: [
      'messageId'
    ]
    query: format('''
let stuckAfter = {0}m;
let settled = customEvents
| where name == "InboundSettled"
| distinct messageId = tostring(customDimensions["MessageId"]);
customEvents
| where name == "InboundReceived"
| where timestamp between (ago(stuckAfter + 15m) .. ago(stuckAfter))
| summarize receivedAt = min(timestamp) by messageId = tostring(customDimensions["MessageId"])
| join kind=leftanti settled on messageId
''', inboundStuckAlertMinutes)
  }
}

module mailDelayed 'logalert.bicep' = {
  name: 'alert-mail-delayed'
  params: {
    name: 'alert-${baseName}-mail-delayed'
    displayName: 'MigrationAgenda: a mail is delayed'
    alertDescription: 'SendGrid reports a mail still undelivered after more than ${mailDelayAlertMinutes} minutes. docs/operations.md#a-mail-is-delayed'
    location: location
    tags: tags
    scope: appInsights.id
    actionGroupId: operators.id
    severity: 3
    threshold: 0
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    autoMitigate: true
    dimensions: [
      'roundId'
    ]
    query: format('''
customEvents
| where name == "MailDelayed"
| where todouble(customDimensions["DelayMinutes"]) > {0}
| project timestamp, roundId = tostring(customDimensions["RoundId"]), ministry = tostring(customDimensions["Ministry"]), kind = tostring(customDimensions["Kind"])
''', mailDelayAlertMinutes)
  }
}

// Every bounce of a mail that asks something of someone; the automatic quarantine notices to unknown senders are left out.
module mailBounced 'logalert.bicep' = {
  name: 'alert-mail-bounced'
  params: {
    name: 'alert-${baseName}-mail-bounced'
    displayName: 'MigrationAgenda: a request bounced'
    alertDescription: 'SendGrid could not deliver a request, reminder, escalation or approval mail. docs/operations.md#a-request-bounced'
    location: location
    tags: tags
    scope: appInsights.id
    actionGroupId: operators.id
    severity: 2
    threshold: 0
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    autoMitigate: true
    dimensions: [
      'roundId'
    ]
    query: '''
customEvents
| where name == "MailBounced"
| where tostring(customDimensions["Kind"]) != "QuarantineNotice"
| project timestamp, roundId = tostring(customDimensions["RoundId"]), ministry = tostring(customDimensions["Ministry"]), kind = tostring(customDimensions["Kind"]), bounceType = tostring(customDimensions["BounceType"])
'''
  }
}

output actionGroupId string = operators.id
