using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Storage;

/// <summary>
/// Group commit on Azurite: writes to one partition that meet go out as one transaction, and every caller still gets
/// exactly its own answer (its ETag, its 409 or 412, its fault). The first request is held in flight by a policy on
/// the real client, so the writes that arrive meanwhile are sure to meet.
/// </summary>
[Collection("Azurite")]
public sealed class TableGroupCommitTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Writes_arriving_while_one_is_in_flight_go_together_in_one_transaction_and_each_caller_gets_its_own_ETag()
    {
        var (table, requests) = await TableAsync();
        var commit = new TableGroupCommit();
        var partition = Guid.NewGuid().ToString("N");

        requests.Arm();
        var first = commit.WriteAsync(table, Add(partition, "row-00"), CancellationToken.None);
        await requests.HeldAsync();
        var rest = Enumerable.Range(1, 29).Select(i => commit.WriteAsync(table, Add(partition, $"row-{i:D2}"), CancellationToken.None)).ToList();
        requests.Release();
        var responses = await Task.WhenAll(rest.Prepend(first));

        Assert.Equal(2, requests.Count); // the first alone, the 29 that met it in one transaction
        for (var i = 0; i < 30; i++)
        {
            var stored = await table.GetEntityAsync<TableEntity>(partition, $"row-{i:D2}");
            Assert.Equal(stored.Value.ETag, responses[i].Headers.ETag);
            Assert.Equal(i, stored.Value.GetInt32("N"));
        }
        await Eventually.WaitAsync(() => Task.FromResult(commit.LaneCount), n => n == 0, TimeSpan.FromSeconds(5), "no partition left behind");
    }

    [Fact]
    public async Task A_conflict_in_a_combined_transaction_reaches_only_its_own_caller_and_the_others_are_written()
    {
        var (table, requests) = await TableAsync();
        var commit = new TableGroupCommit();
        var partition = Guid.NewGuid().ToString("N");
        var existing = (await table.AddEntityAsync(new TableEntity(partition, "taken") { ["N"] = -1 })).Headers.ETag!.Value;
        var stale = (await table.AddEntityAsync(new TableEntity(partition, "changed") { ["N"] = -2 })).Headers.ETag!.Value;
        await table.UpdateEntityAsync(new TableEntity(partition, "changed") { ["N"] = -3 }, stale, TableUpdateMode.Replace);

        requests.Arm();
        var first = commit.WriteAsync(table, Add(partition, "a"), CancellationToken.None);
        await requests.HeldAsync();
        var duplicate = commit.WriteAsync(table, Add(partition, "taken"), CancellationToken.None);
        var outdated = commit.WriteAsync(table, new TableTransactionAction(TableTransactionActionType.UpdateReplace,
            new TableEntity(partition, "changed") { ["N"] = 99 }, stale), CancellationToken.None);
        var pair = commit.WriteAsync(table, [Add(partition, "b"), Add(partition, "c")], CancellationToken.None);
        var others = Enumerable.Range(0, 5).Select(i => commit.WriteAsync(table, Add(partition, $"d{i}"), CancellationToken.None)).ToList();
        requests.Release();

        await first;
        Assert.Equal(409, (await Assert.ThrowsAsync<RequestFailedException>(() => duplicate)).Status);
        Assert.Equal(412, (await Assert.ThrowsAsync<RequestFailedException>(() => outdated)).Status);
        Assert.Equal(2, (await pair).Count);
        await Task.WhenAll(others);
        Assert.Equal(-1, (await table.GetEntityAsync<TableEntity>(partition, "taken")).Value.GetInt32("N"));
        Assert.NotEqual(existing, default);
        Assert.Equal(-3, (await table.GetEntityAsync<TableEntity>(partition, "changed")).Value.GetInt32("N"));
        foreach (var row in new[] { "a", "b", "c", "d0", "d1", "d2", "d3", "d4" })
            Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(partition, row)).HasValue, row);
    }

    [Fact]
    public async Task A_write_of_several_actions_stays_all_or_nothing_and_fails_whole_with_the_transaction_error()
    {
        var (table, requests) = await TableAsync();
        var commit = new TableGroupCommit();
        var partition = Guid.NewGuid().ToString("N");
        await table.AddEntityAsync(new TableEntity(partition, "y"));

        requests.Arm();
        var first = commit.WriteAsync(table, Add(partition, "w"), CancellationToken.None);
        await requests.HeldAsync();
        var failing = commit.WriteAsync(table, [Add(partition, "x"), Add(partition, "y")], CancellationToken.None);
        var fine = commit.WriteAsync(table, Add(partition, "z"), CancellationToken.None);
        requests.Release();

        await first;
        await fine;
        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => failing);
        Assert.Equal(409, error.Status);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(partition, "x")).HasValue);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(partition, "z")).HasValue);
    }

    [Fact]
    public async Task Two_writes_to_one_row_never_share_a_transaction_and_keep_their_order()
    {
        var (table, requests) = await TableAsync();
        var commit = new TableGroupCommit();
        var partition = Guid.NewGuid().ToString("N");

        requests.Arm();
        var first = commit.WriteAsync(table, Add(partition, "other"), CancellationToken.None);
        await requests.HeldAsync();
        var added = commit.WriteAsync(table, Add(partition, "row"), CancellationToken.None);
        var merged = commit.WriteAsync(table, new TableTransactionAction(TableTransactionActionType.UpdateMerge,
            new TableEntity(partition, "row") { ["Merged"] = true }, ETag.All), CancellationToken.None);
        var sibling = commit.WriteAsync(table, Add(partition, "sibling"), CancellationToken.None);
        requests.Release();
        await Task.WhenAll(first, added, merged, sibling);
        var written = requests.Count;
        var seen = string.Join("; ", requests.Seen);

        var row = (await table.GetEntityAsync<TableEntity>(partition, "row")).Value;
        Assert.Equal(0, row.GetInt32("N"));
        Assert.True(row.GetBoolean("Merged"));
        Assert.True(written == 3, seen); // first; the add with the sibling; the merge after them
    }

    [Fact]
    public async Task Without_storage_every_waiting_caller_gets_the_fault_and_nothing_is_left_behind()
    {
        // The account's table endpoint moved to a port where nothing listens: a real client meeting a dead service.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closed = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var table = new TableServiceClient(azurite.ConnectionString.Replace($":{azurite.Azurite.TablePort}/", $":{closed}/", StringComparison.Ordinal),
                new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } })
            .GetTableClient("GroupCommitDown");
        var commit = new TableGroupCommit();

        var writes = Enumerable.Range(0, 10).Select(i => commit.WriteAsync(table, Add("p", $"r{i}"), CancellationToken.None)).ToList();

        foreach (var write in writes)
            await Assert.ThrowsAsync<RequestFailedException>(() => write);
        await Eventually.WaitAsync(() => Task.FromResult(commit.LaneCount), n => n == 0, TimeSpan.FromSeconds(5), "no partition left behind");
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_is_cancelled_while_its_write_still_lands()
    {
        var (table, requests) = await TableAsync();
        var commit = new TableGroupCommit();
        var partition = Guid.NewGuid().ToString("N");
        using var stop = new CancellationTokenSource();

        requests.Arm();
        var first = commit.WriteAsync(table, Add(partition, "first"), CancellationToken.None);
        await requests.HeldAsync();
        var abandoned = commit.WriteAsync(table, Add(partition, "abandoned"), stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        requests.Release();
        await first;

        await Eventually.WaitAsync(async () => (await table.GetEntityIfExistsAsync<TableEntity>(partition, "abandoned")).HasValue, found => found,
            TimeSpan.FromSeconds(10), "the abandoned write");
    }

    private static TableTransactionAction Add(string partition, string row) =>
        new(TableTransactionActionType.Add, new TableEntity(partition, row) { ["N"] = row.StartsWith("row-", StringComparison.Ordinal) ? int.Parse(row[4..]) : 0 });

    private async Task<(TableClient, HoldFirstRequest)> TableAsync()
    {
        var requests = new HoldFirstRequest();
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerCall);
        var table = new TableServiceClient(azurite.ConnectionString, options).GetTableClient("GroupCommit" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();
        return (table, requests);
    }

    /// <summary>Counts the client's requests and holds the first one after a reset until released.</summary>
    private sealed class HoldFirstRequest : HttpPipelinePolicy
    {
        private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;
        private bool _armed;

        public int Count => Volatile.Read(ref _count);

        /// <summary>The requests since armed, for a failure message.</summary>
        public List<string> Seen { get; } = [];

        /// <summary>From now on: count from zero, and hold the first request.</summary>
        public void Arm()
        {
            _count = 0;
            _armed = true;
            lock (Seen)
                Seen.Clear();
            _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public Task HeldAsync() => _held.Task.WaitAsync(TimeSpan.FromSeconds(10));

        public void Release() => _release.TrySetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            lock (Seen)
                Seen.Add($"{message.Request.Method} {message.Request.Uri.Path}");
            if (Interlocked.Increment(ref _count) == 1 && _armed)
            {
                _held.TrySetResult();
                await _release.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The app's table calls are asynchronous.");
    }
}
