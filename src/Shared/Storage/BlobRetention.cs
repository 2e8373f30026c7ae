namespace MigrationAgenda.Storage;

/// <summary>
/// How the lifecycle rules in infra/bicep/modules/storage.bicep tell blobs apart (InfraTests hold the Bicep to these):
/// everything under <see cref="StorageClients.InboundContainer"/> is deleted after the raw-mail retention, everything
/// under <see cref="StorageClients.OutboxContainer"/> after the outbox retention, and nothing under
/// <see cref="StorageClients.LettersContainer"/> ever. Quarantined mail goes sooner: the raw payload is archived before
/// its outcome is known, so the app marks it afterwards with the blob index tag <see cref="OutcomeTag"/> =
/// <see cref="Quarantined"/> (and sets it to <see cref="Released"/> when the coordinator releases the message, which
/// puts it back under the raw-mail retention). Tagging lands with the retention part of issue 16.
/// </summary>
public static class BlobRetention
{
    public const string OutcomeTag = "outcome";
    public const string Quarantined = "quarantined";
    public const string Released = "released";
}
