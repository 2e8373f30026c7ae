using MigrationAgenda.TestSupport;

namespace MigrationAgenda.WorkflowTests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
