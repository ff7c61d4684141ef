using System.Buffers;
using RemoteKit.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;
using Xunit;

namespace RemoteKit.Tests;

/// <summary>How the failures named in error results become the exceptions callers catch.</summary>
public sealed class RemoteErrorsTests
{
    [Fact]
    public void The_failures_the_controller_and_engines_name_become_typed_exceptions_with_their_engine()
    {
        var lost = Assert.IsType<EngineLostException>(Read("RemoteKit.EngineLostException", "Engine 2 was lost before the task finished (connection closed).", 2));
        Assert.Equal(2, lost.EngineId);
        Assert.Contains("connection closed", lost.Reason);

        var notFound = Assert.IsType<EngineNotFoundException>(Read("RemoteKit.EngineNotFoundException", "There is no engine 9.", 9));
        Assert.Equal(9, notFound.EngineId);

        var timedOut = Assert.IsType<TaskTimeoutException>(Read("RemoteKit.TaskTimeoutException", "The task ran longer than 00:00:30.", 1));
        Assert.Equal(1, timedOut.EngineId);
        Assert.Equal("The task ran longer than 00:00:30.", timedOut.Message);

        Assert.All(new RemoteKitException[] { lost, notFound, timedOut }, e => Assert.IsAssignableFrom<RemoteKitException>(e));

        var thrown = Assert.IsType<RemoteException>(Read("System.ArgumentException", "bad", 3));
        Assert.Equal("System.ArgumentException", thrown.RemoteType);
        Assert.IsAssignableFrom<RemoteKitException>(thrown);
    }

    [Fact]
    public void An_abort_is_an_OperationCanceledException_carrying_the_token_that_caused_it()
    {
        using var cts = new CancellationTokenSource();
        var aborted = Assert.IsType<TaskAbortedException>(Read("RemoteKit.TaskAbortedException", "The task was aborted before it ran.", -1, cts.Token));
        Assert.IsAssignableFrom<OperationCanceledException>(aborted);
        Assert.Equal(cts.Token, aborted.CancellationToken);
    }

    private static Exception Read(string type, string message, int engineId, CancellationToken abortedBy = default)
    {
        using var payload = new PooledBufferWriter();
        payload.WriteString(type);
        payload.WriteString(message);
        payload.WriteString("   at Somewhere()");
        return TaskMessages.ReadError(new ReadOnlySequence<byte>(payload.WrittenMemory), engineId, abortedBy);
    }
}
