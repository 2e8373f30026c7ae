using System.Collections.Concurrent;
using System.Net.Sockets;
using Azure;
using Grpc.Core;
using Microsoft.DurableTask;
using MigrationAgenda.Mail;

namespace MigrationAgenda.Rounds;

/// <summary>
/// The round's retry handlers (<see cref="TaskOptions.FromRetryHandler(AsyncRetryHandler)"/>): transient faults are
/// waited out with back-off on durable timers for hours, other faults fail after a few attempts. Part of the
/// orchestrator: deterministic, time from the context only.
/// </summary>
public static class ActivityRetry
{
    // What retrying cures: the same rule as TransientFault, by the failure's recorded exception type (and its causes).
    private static readonly Type[] Transient =
    [
        typeof(RequestFailedException), typeof(MailDeliveryException), typeof(HttpRequestException), typeof(SocketException),
        typeof(TimeoutException), typeof(IOException), typeof(OperationCanceledException), typeof(RpcException),
    ];

    /// <summary>For storage and letter activities.</summary>
    public static TaskOptions Storage(ActivityRetrySettings settings) =>
        TaskOptions.FromRetryHandler(retry => HandleAsync(retry, settings, settings.StorageFor, waiting: null));

    /// <summary>For mail activities: <paramref name="waiting"/> is told, before each wait, since when the mail has been waiting.</summary>
    public static TaskOptions Mail(ActivityRetrySettings settings, Action<DateTimeOffset> waiting) =>
        TaskOptions.FromRetryHandler(retry => HandleAsync(retry, settings, settings.MailFor, waiting));

    private static readonly ConcurrentDictionary<string, bool> Known = new(StringComparer.Ordinal);

    /// <summary>True when the failure (or one of its causes) is a fault that passes: storage, the mail provider, the network.</summary>
    public static bool IsTransient(TaskFailureDetails? failure)
    {
        for (var f = failure; f is not null; f = f.InnerFailure)
        {
            if (!string.IsNullOrEmpty(f.ErrorType) && Known.GetOrAdd(f.ErrorType, IsTransientType))
                return true;
        }
        return false;
    }

    // By name, or as a subclass of one (TableTransactionFailedException is a RequestFailedException). Not through
    // TaskFailureDetails.IsCausedBy: it throws when two loaded assemblies define a type of that name (HttpRequestException).
    private static bool IsTransientType(string errorType)
    {
        if (Transient.Any(t => t.FullName == errorType))
            return true;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            Type? type;
            try
            {
                type = assembly.GetType(errorType, throwOnError: false);
            }
            catch (Exception e) when (e is TypeLoadException or FileNotFoundException or BadImageFormatException)
            {
                continue;
            }
            if (type is not null && Transient.Any(t => t.IsAssignableFrom(type)))
                return true;
        }
        return false;
    }

    private static async Task<bool> HandleAsync(RetryContext retry, ActivityRetrySettings settings, TimeSpan keepTrying, Action<DateTimeOffset>? waiting)
    {
        var transient = IsTransient(retry.LastFailure);
        if (transient ? retry.TotalRetryTime >= keepTrying : retry.LastAttemptNumber >= settings.FaultAttempts)
            return false;
        if (transient)
            waiting?.Invoke(retry.OrchestrationContext.CurrentUtcDateTime - retry.TotalRetryTime);
        await retry.OrchestrationContext.CreateTimer(settings.Backoff(retry.LastAttemptNumber), CancellationToken.None);
        return true;
    }
}
