using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests;

/// <summary>One Azurite for every test class in the "Azurite" collection (xunit wants this in the test assembly).</summary>
[CollectionDefinition("Azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
