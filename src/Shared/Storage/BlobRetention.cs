namespace MigrationAgenda.Storage;

/// <summary>
/// How the lifecycle rules in infra/bicep/modules/storage.bicep tell blobs apart (InfraTests hold the Bicep to these):
/// everything under <see cref="StorageClients.InboundContainer"/> is deleted after the raw-mail retention, everything
/// under <see cref="StorageClients.OutboxContainer"/> after the outbox retention, and nothing under
/// <see cref="StorageClients.LettersContainer"/> or <see cref="StorageClients.ContributionsContainer"/> ever (a round's
/// texts go with the round). Quarantined mail goes sooner: the raw payload is archived before its outcome is known, so
/// intake marks it afterwards with the blob index tag <see cref="OutcomeTag"/> (<see cref="InboundStore.TagArchiveAsync"/>):
/// <see cref="Quarantined"/> when quarantined, then <see cref="Released"/> when the coordinator releases it, or the new
/// outcome when a reprocess takes it out of quarantine (back under the raw-mail retention). Other mail stays untagged.
/// </summary>
public static class BlobRetention
{
    public const string OutcomeTag = "outcome";
    public const string Quarantined = InboundOutcomes.Quarantined;
    public const string Released = InboundOutcomes.Released;
}
