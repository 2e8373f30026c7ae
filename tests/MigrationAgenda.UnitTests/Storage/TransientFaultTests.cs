using Grpc.Core;
using MigrationAgenda.Storage;

namespace MigrationAgenda.UnitTests.Storage;

public sealed class TransientFaultTests
{
    [Fact]
    public void Storage_5xx_throttling_network_and_an_unreachable_engine_are_transient()
    {
        Assert.True(TransientFault.Is(new Azure.RequestFailedException(503, "down")));
        Assert.True(TransientFault.Is(new Azure.RequestFailedException(429, "throttled")));
        Assert.True(TransientFault.Is(new Azure.RequestFailedException(0, "network")));
        Assert.True(TransientFault.Is(new HttpRequestException("refused")));
        Assert.True(TransientFault.Is(new RpcException(new Status(StatusCode.Unavailable, "engine down"))));
        Assert.True(TransientFault.Is(new InvalidOperationException("wrapped", new RpcException(new Status(StatusCode.Unavailable, "engine down")))));
        Assert.True(TransientFault.Is(new AggregateException(new InvalidOperationException("bug"), new TimeoutException())));
    }

    [Fact]
    public void Client_errors_and_bugs_are_not()
    {
        Assert.False(TransientFault.Is(new Azure.RequestFailedException(400, "bad")));
        Assert.False(TransientFault.Is(new Azure.RequestFailedException(404, "gone")));
        Assert.False(TransientFault.Is(new InvalidOperationException("bug")));
        Assert.False(TransientFault.Is(new AggregateException(new InvalidOperationException("bug"))));
    }
}
