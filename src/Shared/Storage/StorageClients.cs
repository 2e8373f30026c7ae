using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;

namespace MigrationAgenda.Storage;

/// <summary>The app's own tables and blob containers (the Durable Task hub keeps its own).</summary>
public sealed class StorageClients(TableServiceClient tables, BlobServiceClient blobs)
{
    public const string RoundsTable = "Rounds";
    public const string AssignmentsTable = "Assignments";
    public const string ContributionsTable = "Contributions";
    public const string InboundTable = "Inbound";
    public const string AuditTable = "Audit";
    public const string MailEventsTable = "MailEvents";
    public const string ContactsTable = "Contacts";
    /// <summary>What a round's mail said that is not letter text: notes, covering notes, automatic replies (<see cref="NoteStore"/>).</summary>
    public const string NotesTable = "Notes";
    /// <summary>The mail ledger: every outgoing message once, by its id (<see cref="MailLedger"/>).</summary>
    public const string MailTable = "Mail";
    /// <summary>Which spec holds each round id, claimed before its orchestration is scheduled (<see cref="RoundClaimStore"/>).</summary>
    public const string RoundClaimsTable = "RoundClaims";

    // The lifecycle rules in infra/bicep/modules/storage.bicep go by these containers (the InfraTests hold the Bicep to
    // them): inbound mail after the raw-mail retention, outbox copies after theirs, letters never. Quarantined mail goes
    // sooner by the daily retention run, which reads each archive's outcome from its Inbound row.
    public const string InboundContainer = "inbound";
    public const string LettersContainer = "letters";
    public const string OutboxContainer = "outbox";
    /// <summary>Pillar texts too long for a table row (<see cref="ContributionStore"/>).</summary>
    public const string ContributionsContainer = "contributions";

    private static readonly string[] Tables = [RoundsTable, AssignmentsTable, ContributionsTable, InboundTable, AuditTable, MailEventsTable, ContactsTable, NotesTable, MailTable, RoundClaimsTable];
    private static readonly string[] Containers = [InboundContainer, LettersContainer, OutboxContainer, ContributionsContainer];

    public TableServiceClient TableService { get; } = tables;

    /// <summary>The writes that may go together in one transaction when they meet (<see cref="TableGroupCommit"/>): one per account.</summary>
    public TableGroupCommit GroupCommit { get; } = new();
    public BlobServiceClient BlobService { get; } = blobs;

    /// <summary>
    /// Clients outside a host (the start-up probe, tests): the same registration as the hosts', in a container of
    /// its own that is let go once the clients are made (the clients outlive it).
    /// </summary>
    public static StorageClients Connect(StorageAccount account, bool fastFail = false)
    {
        using var services = new ServiceCollection().AddStorageClients(account, fastFail).BuildServiceProvider();
        return services.GetRequiredService<StorageClients>();
    }

    public TableClient Table(string name) => TableService.GetTableClient(name);
    public BlobContainerClient Container(string name) => BlobService.GetBlobContainerClient(name);

    /// <summary>Creates what is missing. Run once at start-up by each host, never per request.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in Tables)
            await Table(table).CreateIfNotExistsAsync(cancellationToken);
        foreach (var container in Containers)
            await Container(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
