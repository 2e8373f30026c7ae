using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MigrationAgenda;
using MigrationAgenda.Functions.Telemetry;
using MigrationAgenda.Storage;

// The coordinator's routes are Anonymous at the Functions level because App Service Authentication (Entra ID,
// infra/bicep) signs every caller in before a request reaches the app; a function key would lock the page out.
// Only the SendGrid webhook, which cannot sign in, is excluded there: it keeps its function key and shared secret.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// Every line of a route on a round or a message carries its RoundId / MessageId (customDimensions).
builder.UseMiddleware<RequestLogScopeMiddleware>();
// Application Insights with Entra auth: APPLICATIONINSIGHTS_AUTHENTICATION_STRING names the managed identity.
builder.Services.AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights()
    .KeepOperatorTelemetry();
builder.Services.AddMigrationAgenda(builder.Configuration, StorageAccount.Configured(builder.Configuration));
builder.Build().Run();
