using MigrationAgenda.TestSupport;

namespace MigrationAgenda.FaultTests;

/// <summary>Replies posted all at once, each again and again as SendGrid does until the webhook accepts it.</summary>
public sealed class ReplyStorm
{
    private int _accepted;

    /// <param name="spacing">Between the starts of successive posts: a storm that is still arriving when a fault hits,
    /// however fast the machine takes the first ones.</param>
    public ReplyStorm(FaultRig rig, IEnumerable<byte[]> posts, TimeSpan spacing = default) =>
        Done = Task.WhenAll(posts.Select(async (post, i) =>
        {
            await Task.Delay(spacing * i);
            var attempts = await rig.DeliverLikeSendGridAsync(post, TimeSpan.FromMinutes(3));
            Interlocked.Increment(ref _accepted);
            return attempts;
        }));

    /// <summary>How many replies have been accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>The attempts each reply took, once all are accepted.</summary>
    public Task<int[]> Done { get; }

    /// <summary>Waits until the first <paramref name="count"/> replies are accepted: the storm is under way.</summary>
    public Task WaitForAcceptedAsync(int count) =>
        Eventually.WaitAsync(() => Task.FromResult(Accepted), n => n >= count, FaultRig.Patience, $"{count} replies accepted");
}
