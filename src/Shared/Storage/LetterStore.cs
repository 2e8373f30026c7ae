using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MigrationAgenda.Letters;

namespace MigrationAgenda.Storage;

/// <summary>A stored rendering of a letter version.</summary>
public sealed record StoredLetter(Stream Content, string ContentType, string Version, string Format);

/// <summary>
/// Letters in Blob Storage: letters/{round}/draft-{n}/letter.{md,html,docx} + manifest.json, and
/// letters/{round}/final/… copied once from the approved draft and never overwritten.
/// </summary>
public sealed class LetterStore(StorageClients storage)
{
    public const string Final = "final";
    public const string ManifestFile = "manifest.json";

    private BlobContainerClient Container => storage.Container(StorageClients.LettersContainer);

    public static string DraftVersion(int number) => $"draft-{number}";

    public static string BlobName(string roundId, string version, string format) => $"{roundId}/{version}/letter.{format}";

    /// <summary>Writes a draft; a retried write of the same draft number replaces it with the same content.</summary>
    public async Task<IReadOnlyList<string>> WriteDraftAsync(string roundId, AssembledLetter letter, CancellationToken cancellationToken)
    {
        var version = DraftVersion(letter.Manifest.DraftNumber);
        var names = new List<string>();
        foreach (var file in letter.Files)
        {
            var name = BlobName(roundId, version, file.Format);
            await Container.GetBlobClient(name).UploadAsync(new BinaryData(file.Content),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType } }, cancellationToken);
            names.Add(name);
        }
        var manifest = $"{roundId}/{version}/{ManifestFile}";
        await Container.GetBlobClient(manifest).UploadAsync(BinaryData.FromObjectAsJson(letter.Manifest, JsonDefaults.Options),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);
        names.Add(manifest);
        return names;
    }

    public async Task<LetterManifest?> ReadManifestAsync(string roundId, string version, CancellationToken cancellationToken)
    {
        var blob = Container.GetBlobClient($"{roundId}/{version}/{ManifestFile}");
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<LetterManifest>(JsonDefaults.Options);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Copies a draft to final/. Each file is created only if absent, so the final letter is never overwritten;
    /// a retry after a partial copy completes it. Returns the names of the final blobs.
    /// </summary>
    public async Task<IReadOnlyList<string>> FinaliseAsync(string roundId, int draftNumber, CancellationToken cancellationToken)
    {
        var draftPrefix = $"{roundId}/{DraftVersion(draftNumber)}/";
        var names = new List<string>();
        await foreach (var item in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, draftPrefix, cancellationToken))
        {
            var target = $"{roundId}/{Final}/{item.Name[draftPrefix.Length..]}";
            var source = await Container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
            try
            {
                await Container.GetBlobClient(target).UploadAsync(source.Value.Content, new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = source.Value.Details.ContentType },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Already final: keep what is there.
            }
            names.Add(target);
        }
        return names;
    }

    /// <summary>The stored versions of a round's letter: draft-1, draft-2, …, final.</summary>
    public async Task<IReadOnlyList<string>> ListVersionsAsync(string roundId, CancellationToken cancellationToken)
    {
        var versions = new List<string>();
        await foreach (var item in Container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", $"{roundId}/", cancellationToken))
        {
            if (item.IsPrefix)
                versions.Add(item.Prefix[(roundId.Length + 1)..].TrimEnd('/'));
        }
        return versions
            .OrderBy(v => v == Final ? int.MaxValue : int.TryParse(v.AsSpan("draft-".Length), out var n) ? n : 0)
            .ToList();
    }

    /// <summary>Opens one rendering; null when that version or format does not exist.</summary>
    public async Task<StoredLetter?> OpenAsync(string roundId, string version, string format, CancellationToken cancellationToken)
    {
        var blob = Container.GetBlobClient(BlobName(roundId, version, format));
        try
        {
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            return new StoredLetter(download.Value.Content, download.Value.Details.ContentType, version, format);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
