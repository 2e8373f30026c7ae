using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Storage;

/// <summary>
/// The Contacts table: the coordinator's contacts list per report definition (PK definition name, lower case; RK
/// ministry code as the definition spells it), one row per ministry holding its contacts and allowed senders as
/// JSON. Every change is conditional: a create fails when the row exists, a replace or delete when its ETag moved,
/// so two coordinators editing the same ministry never silently overwrite each other.
/// </summary>
public sealed class ContactStore(StorageClients storage)
{
    private TableClient Table => storage.Table(StorageClients.ContactsTable);

    // Table keys may not hold / \ # ? or control characters; definition names rarely do, but a name never breaks the table.
    internal static string Partition(string definition) =>
        new(definition.ToLowerInvariant().Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c).ToArray());

    /// <summary>The definition's list, by ministry code.</summary>
    public async Task<IReadOnlyList<MinistryContacts>> ListAsync(string definition, CancellationToken cancellationToken)
    {
        var list = new List<MinistryContacts>();
        var partition = Partition(definition);
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
            list.Add(Read(e));
        return list.OrderBy(c => c.Ministry, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<MinistryContacts?> GetAsync(string definition, string ministry, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(definition), ministry, cancellationToken: cancellationToken);
        return response.HasValue ? Read(response.Value!) : null;
    }

    /// <summary>
    /// Creates the ministry's entry (<paramref name="etag"/> null: fails with 409 when it exists) or replaces it
    /// (fails with 412 when it changed since <paramref name="etag"/>; "*" replaces whatever is there).
    /// </summary>
    /// <exception cref="RequestFailedException">409 (exists), 412 (changed) or 404 (removed meanwhile).</exception>
    public async Task<MinistryContacts> SaveAsync(string definition, MinistryContacts entry, string? etag, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(definition), entry.Ministry)
        {
            ["Contacts"] = JsonSerializer.Serialize(entry.Contacts, JsonDefaults.Options),
            ["AllowedSenders"] = JsonSerializer.Serialize(entry.AllowedSenders, JsonDefaults.Options),
            ["ChangedBy"] = entry.ChangedBy,
            ["ChangedByName"] = entry.ChangedByName,
            ["ChangedAt"] = entry.ChangedAt,
        };
        Response response = etag is null
            ? await Table.AddEntityAsync(entity, cancellationToken)
            : await Table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken);
        return entry with { ETag = response.Headers.ETag?.ToString() };
    }

    /// <exception cref="RequestFailedException">412 when it changed since <paramref name="etag"/>, 404 when it is gone.</exception>
    public Task DeleteAsync(string definition, string ministry, string etag, CancellationToken cancellationToken) =>
        Table.DeleteEntityAsync(Partition(definition), ministry, new ETag(etag), cancellationToken);

    private static MinistryContacts Read(TableEntity e) => new()
    {
        Ministry = e.RowKey,
        Contacts = JsonSerializer.Deserialize<List<Contact>>(e.GetString("Contacts") ?? "[]", JsonDefaults.Options) ?? [],
        AllowedSenders = JsonSerializer.Deserialize<List<string>>(e.GetString("AllowedSenders") ?? "[]", JsonDefaults.Options) ?? [],
        ChangedBy = e.GetString("ChangedBy"),
        ChangedByName = e.GetString("ChangedByName"),
        ChangedAt = e.GetDateTimeOffset("ChangedAt"),
        ETag = e.ETag.ToString(),
    };
}
