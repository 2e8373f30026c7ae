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

// The daily retention run (timer ApplyRetention, 03:15 UTC) ends with RetentionApplied. It alone deletes the Inbound
// rows, task-hub histories and finished rounds' personal data (the lifecycle rules cover blobs only), so a run that
// stops must not go unseen. One row per problem: "overdue", no RetentionApplied for 26 hours (a day plus time for the
// run to finish and be ingested), so a timer that never fires or a run that throws or times out pages about two hours
// after its slot; "failures", the latest run counted Failures. A fresh deployment stays quiet until the Functions
// host's own requests (its timers fire every 30 seconds) go back 26 hours, as no run was due before; seeing that far
// back takes the two-day window, the longest a log alert allows. Hourly is often enough for a daily job, and the alert
// resolves itself once a run reports without failures.
module retentionRun 'logalert.bicep' = {
  name: 'alert-retention-run'
  params: {
    name: 'alert-${baseName}-retention-run'
    displayName: 'MigrationAgenda: the daily retention run did not report'
    alertDescription: 'The daily retention run (ApplyRetention, 03:15 UTC) reported nothing for 26 hours, or its last run reported failures. docs/operations.md#the-retention-run-did-not-report'
    location: location
    tags: tags
    scope: appInsights.id
    actionGroupId: operators.id
    severity: 2
    threshold: 0
    windowSize: 'P2D'
    evaluationFrequency: 'PT1H'
    autoMitigate: true
    dimensions: [
      'problem'
    ]
    query: '''
let overdueAfter = 26h;
let upSince = toscalar(requests | summarize min(timestamp));
let runs = customEvents
| where name == "RetentionApplied"
| project timestamp, failures = toint(customDimensions["Failures"]);
let lastRun = toscalar(runs | summarize max(timestamp));
let overdue = print problem = "overdue", lastRunAt = lastRun
| where upSince < ago(overdueAfter)
| where isnull(lastRun) or lastRun < ago(overdueAfter);
let failed = runs
| top 1 by timestamp desc
| where failures > 0
| project problem = "failures", lastRunAt = timestamp, failures;
union overdue, failed
'''
  }
}

output actionGroupId string = operators.id
