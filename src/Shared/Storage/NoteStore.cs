using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace MigrationAgenda.Storage;

/// <summary>What a <see cref="RoundNote"/> is.</summary>
public static class NoteKinds
{
    /// <summary>A human reply that is not letter text ("dank, volgt vrijdag", "geen wijzigingen", a question): the coordinator may count it.</summary>
    public const string Note = "note";
    /// <summary>The covering note that came with a stored contribution (above the headings, with an attachment, above a forward).</summary>
    public const string Covering = "covering";
    /// <summary>An out-of-office reply, delivery report or other automatic reply: no text kept, its kind and return date.</summary>
    public const string Automatic = "automatic";
    /// <summary>A reply to a draft for approval that is no decision, or what came with one: its reason says which (never counted as a pillar).</summary>
    public const string Approval = "approval";
}

/// <summary>
/// One message of a round's mail that is not letter text. Its text is mailbox content (personal data): it is kept
/// here with the round and shown to the coordinator, never logged.
/// </summary>
public sealed record RoundNote
{
    public required string RoundId { get; init; }
    /// <summary>The inbound message's id (the Inbound row key, the payload's SHA-256).</summary>
    public required string Id { get; init; }
    /// <summary>One of <see cref="NoteKinds"/>.</summary>
    public required string Kind { get; init; }
    public required string Ministry { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public string? From { get; init; }
    public string? Subject { get; init; }
    /// <summary>The note's text; empty for automatic replies.</summary>
    public string Text { get; init; } = "";
    /// <summary>An <c>IntakeReasonCode</c> name (note reason or automatic kind) and its Dutch wording.</summary>
    public string? ReasonCode { get; init; }
    public string? Reason { get; init; }
    /// <summary>The reply says nothing changed since last year ("geen wijzigingen"), for <see cref="UnchangedPillars"/>.</summary>
    public bool NoChanges { get; init; }
    public IReadOnlyList<int> UnchangedPillars { get; init; } = [];
    /// <summary>For a covering note: the contribution came as a forward.</summary>
    public bool Forwarded { get; init; }
    /// <summary>An out-of-office reply's date and how it reads (a <c>ReturnDateMeaning</c> name).</summary>
    public DateOnly? ReturnDate { get; init; }
    public string? ReturnMeaning { get; init; }
    /// <summary>The versions stored from this message, "pillar:version,…": the contribution a covering note came with, or what counting stored.</summary>
    public string? Versions { get; init; }
    /// <summary>The pillar the coordinator counted this note for ("tel mee als bijdrage voor pijler N"), once.</summary>
    public int? CountedPillar { get; init; }
    public DateTimeOffset? CountedAt { get; init; }
    /// <summary>A reply to a draft for approval: the draft its address named.</summary>
    public int? Draft { get; init; }
    /// <summary>The pillars whose text of last year the coordinator took over on this note ("neem de tekst van vorig jaar over").</summary>
    public IReadOnlyList<int> AdoptedPillars { get; init; } = [];
    public DateTimeOffset? AdoptedAt { get; init; }
}

/// <summary>
/// The Notes table, PK round, RK message id: one row per message, written once (a redelivery or a reprocess keeps
/// the first). Kept apart from the Inbound table (PK month) so a round's notes stay with the round however long it
/// runs, and go when the round's data goes.
/// </summary>
public sealed class NoteStore(StorageClients storage)
{
    /// <summary>A note's text beyond this is cut (the archived message keeps it whole); a note is a few lines.</summary>
    public const int MaxTextChars = 100_000;

    private TableClient Table => storage.Table(StorageClients.NotesTable);

    /// <summary>Stores the note; false when the message has one already (that one stays).</summary>
    public async Task<bool> AddAsync(RoundNote note, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(ToEntity(note), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<(RoundNote Note, ETag ETag)?> GetAsync(string roundId, string id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length != 64 || !id.All(Uri.IsHexDigit))
            return null;
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(roundId, id.ToLowerInvariant(), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e ? (FromEntity(e), e.ETag) : null;
    }

    /// <summary>Every note of the round, newest first.</summary>
    public async Task<IReadOnlyList<RoundNote>> ListAsync(string roundId, CancellationToken cancellationToken)
    {
        var list = new List<RoundNote>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == roundId, cancellationToken: cancellationToken))
            if (!DecisionClaimStore.IsClaim(e.RowKey))
                list.Add(FromEntity(e));
        return list.OrderByDescending(n => n.ReceivedAt).ToList();
    }

    /// <summary>
    /// Claims the note for one pillar, race-free: false when another writer changed the row since it was read (read it
    /// again and look at <see cref="RoundNote.CountedPillar"/>).
    /// </summary>
    public async Task<bool> ClaimCountAsync(RoundNote note, ETag etag, int pillar, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(new TableEntity(note.RoundId, note.Id)
            {
                ["CountedPillar"] = pillar, ["CountedAt"] = at,
            }, etag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Records that last year's text of <paramref name="pillars"/> was taken over on this note, and the versions that stored.</summary>
    public Task MarkAdoptedAsync(string roundId, string id, IReadOnlyList<int> pillars, string versions, DateTimeOffset at, CancellationToken cancellationToken) =>
        Table.UpdateEntityAsync(new TableEntity(roundId, id)
        {
            ["AdoptedPillars"] = string.Join(',', pillars), ["AdoptedAt"] = at, ["Versions"] = versions,
        }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Records the versions counting stored.</summary>
    public Task SetVersionsAsync(string roundId, string id, string versions, CancellationToken cancellationToken) =>
        Table.UpdateEntityAsync(new TableEntity(roundId, id) { ["Versions"] = versions }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    private static TableEntity ToEntity(RoundNote n)
    {
        var entity = new TableEntity(n.RoundId, n.Id)
        {
            ["Kind"] = n.Kind,
            ["Ministry"] = n.Ministry,
            ["ReceivedAt"] = n.ReceivedAt,
            ["From"] = Cut(n.From, 2000),
            ["Subject"] = Cut(n.Subject, 2000),
            ["ReasonCode"] = n.ReasonCode,
            ["Reason"] = Cut(n.Reason, 2000),
            ["NoChanges"] = n.NoChanges,
            ["UnchangedPillars"] = string.Join(',', n.UnchangedPillars),
            ["Forwarded"] = n.Forwarded,
            ["ReturnDate"] = n.ReturnDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["ReturnMeaning"] = n.ReturnMeaning,
            ["Versions"] = n.Versions,
            ["CountedPillar"] = n.CountedPillar,
            ["CountedAt"] = n.CountedAt,
            ["Draft"] = n.Draft,
        };
        TextProperties.Write(entity, "Text", Cut(n.Text, MaxTextChars) ?? "");
        return entity;
    }

    private static RoundNote FromEntity(TableEntity e) => new()
    {
        RoundId = e.PartitionKey,
        Id = e.RowKey,
        Kind = e.GetString("Kind") ?? NoteKinds.Note,
        Ministry = e.GetString("Ministry") ?? "",
        ReceivedAt = e.GetDateTimeOffset("ReceivedAt") ?? default,
        From = e.GetString("From"),
        Subject = e.GetString("Subject"),
        Text = TextProperties.Read(e, "Text"),
        ReasonCode = e.GetString("ReasonCode"),
        Reason = e.GetString("Reason"),
        NoChanges = e.GetBoolean("NoChanges") ?? false,
        UnchangedPillars = Numbers(e.GetString("UnchangedPillars")),
        Forwarded = e.GetBoolean("Forwarded") ?? false,
        ReturnDate = DateOnly.TryParseExact(e.GetString("ReturnDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
        ReturnMeaning = e.GetString("ReturnMeaning"),
        Versions = e.GetString("Versions"),
        CountedPillar = e.GetInt32("CountedPillar"),
        CountedAt = e.GetDateTimeOffset("CountedAt"),
        Draft = e.GetInt32("Draft"),
        AdoptedPillars = Numbers(e.GetString("AdoptedPillars")),
        AdoptedAt = e.GetDateTimeOffset("AdoptedAt"),
    };

    private static IReadOnlyList<int> Numbers(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max] + "…";
}
