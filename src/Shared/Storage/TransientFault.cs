using System.Net.Sockets;
using Azure;
using Grpc.Core;

namespace MigrationAgenda.Storage;

/// <summary>
/// Which faults are worth a retry: storage 5xx, throttling and network trouble, and an unreachable Durable Task
/// engine (a gRPC fault from the client). A 4xx or a bug is not. The webhook answers 503 for these, so SendGrid
/// retries, and everything else it catches decides on the same rule.
/// </summary>
public static class TransientFault
{
    public static bool Is(Exception e) => e switch
    {
        RequestFailedException r => r.Status >= 500 || r.Status == 0 || r.Status == 408 || r.Status == 429,
        HttpRequestException or SocketException or TimeoutException or IOException => true,
        RpcException => true,
        AggregateException a => a.InnerExceptions.Any(Is),
        _ => e.InnerException is { } inner && Is(inner),
    };
}
