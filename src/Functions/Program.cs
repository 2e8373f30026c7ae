using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using MigrationAgenda;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddMigrationAgenda(builder.Configuration,
    HostingExtensions.StorageFromConfiguration(builder.Configuration, builder.Configuration["AzureWebJobsStorage"]));
builder.Build().Run();
