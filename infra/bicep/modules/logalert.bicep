// One log search alert on Application Insights: the query's rows are counted every evaluationFrequency over
// windowSize, and more than threshold rows mail the action group. Split by the dimension columns, so one alert names
// one round (or message) rather than "something failed".

param name string
param displayName string
param alertDescription string
param location string
param tags object

@description('Resource id of the Application Insights component the query runs on (classic table names: requests, customEvents, traces).')
param scope string

param actionGroupId string

param query string

@minValue(0)
@maxValue(4)
param severity int

@description('More rows than this raise the alert.')
@minValue(0)
param threshold int

param windowSize string
param evaluationFrequency string

@description('String columns of the query that split the alert (one alert per value).')
param dimensions string[] = []

@description('True: the alert resolves by itself once the query finds nothing (one mail per incident). False: every evaluation that finds rows mails again.')
param autoMitigate bool

resource rule 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: name
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: displayName
    description: alertDescription
    severity: severity
    enabled: true
    scopes: [
      scope
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: windowSize
    autoMitigate: autoMitigate
    criteria: {
      allOf: [
        {
          query: query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: threshold
          dimensions: [
            for d in dimensions: {
              name: d
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroupId
      ]
    }
  }
}

output id string = rule.id
