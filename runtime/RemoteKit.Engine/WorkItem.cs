using System.Diagnostics;
using RemoteKit.Buffers;

namespace RemoteKit.Engine;

/// <summary>A task received from the controller (or from a client in one hop), waiting in the engine's queue.</summary>
internal sealed class WorkItem(ulong id, byte[] buffer, int offset, int length) : IDisposable
{
    public ulong Id { get; } = id;

    public ReadOnlyMemory<byte> Body => buffer.AsMemory(offset, length);

    /// <summary>The buffer the body lives in; what keeps a slice of it past the task (a pushed value) shares it.</summary>
    public SharedBuffer Buffer { get; } = new(buffer);

    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>The trace context the task arrived with, parent of the engine's span.</summary>
    public ActivityContext Trace { get; init; }

    /// <summary>The stream a stream task sends its items through, while it runs; credits from the caller go to it.</summary>
    public StreamSink? Stream { get; set; }

    /// <summary>Where a task sent in one hop came from and is answered; null for the controller's tasks.</summary>
    public DirectOrigin? Direct { get; init; }

    /// <summary>
    /// The timeout, in milliseconds, that a task sent in one hop passed while it ran, as its client said in the abort; 0 when
    /// it was not aborted for a timeout. It then ends as timed out, whatever it returns.
    /// </summary>
    public int TimedOutAfter { get; set; }

    public void Dispose()
    {
        Buffer.Release();
        Cancellation.Dispose();
    }
}
