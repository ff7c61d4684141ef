using System.Buffers;
using RemoteKit.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>How the failures named in error results become the exceptions callers catch.</summary>
public sealed class RemoteErrorsTests
{
    [Fact]
    public void The_failures_the_controller_and_engines_report_become_typed_exceptions_with_their_engine()
    {
        var lost = Assert.IsType<EngineLostException>(Read(ErrorKind.EngineLost, "Engine 2 was lost before the task finished (connection closed).", 2));
        Assert.Equal(2, lost.EngineId);
        Assert.Contains("connection closed", lost.Reason);

        var notFound = Assert.IsType<EngineNotFoundException>(Read(ErrorKind.EngineNotFound, "There is no engine 9.", 9));
        Assert.Equal(9, notFound.EngineId);

        var timedOut = Assert.IsType<TaskTimeoutException>(Read(ErrorKind.TimedOut, "The task ran longer than 00:00:30.", 1));
        Assert.Equal(1, timedOut.EngineId);
        Assert.Equal("The task ran longer than 00:00:30.", timedOut.Message);

        Assert.All(new RemoteKitException[] { lost, notFound, timedOut }, e => Assert.IsAssignableFrom<RemoteKitException>(e));

        var thrown = Assert.IsType<RemoteException>(Read("System.ArgumentException", "bad", 3));
        Assert.Equal("System.ArgumentException", thrown.RemoteType);
        Assert.IsAssignableFrom<RemoteKitException>(thrown);

        // The kind decides, not the type name: a method that throws one of RemoteKit's exception types itself still fails
        // as a RemoteException naming that type, never as if RemoteKit had timed it out.
        var mimic = Assert.IsType<RemoteException>(Read("RemoteKit.TaskTimeoutException", "thrown by the method", 3));
        Assert.Equal("RemoteKit.TaskTimeoutException", mimic.RemoteType);
    }

    [Fact]
    public void An_abort_is_an_OperationCanceledException_carrying_the_token_that_caused_it()
    {
        using var cts = new CancellationTokenSource();
        var aborted = Assert.IsType<TaskAbortedException>(Read(ErrorKind.Aborted, "The task was aborted before it ran.", -1, cts.Token));
        Assert.IsAssignableFrom<OperationCanceledException>(aborted);
        Assert.Equal(cts.Token, aborted.CancellationToken);
    }

    private static Exception Read(string type, string message, int engineId, CancellationToken abortedBy = default) =>
        Read(ErrorKind.Thrown, type, message, engineId, abortedBy);

    private static Exception Read(ErrorKind kind, string message, int engineId, CancellationToken abortedBy = default) =>
        Read(kind, null, message, engineId, abortedBy);

    private static Exception Read(ErrorKind kind, string? type, string message, int engineId, CancellationToken abortedBy)
    {
        using var payload = new PooledBufferWriter();
        payload.WriteU8((byte)kind);
        payload.WriteString(type);
        payload.WriteString(message);
        payload.WriteString("   at Somewhere()");
        return TaskMessages.ReadError(new ReadOnlySequence<byte>(payload.WrittenMemory), engineId, abortedBy);
    }
}
