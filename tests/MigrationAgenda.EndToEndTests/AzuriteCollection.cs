using MigrationAgenda.TestSupport;

namespace MigrationAgenda.EndToEndTests;

/// <summary>One Azurite for the tests that run the service against configured storage.</summary>
[CollectionDefinition("Azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
