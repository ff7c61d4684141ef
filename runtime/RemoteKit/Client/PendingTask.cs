using System.Buffers;
using MemoryPack;
using RemoteKit.Protocol;

namespace RemoteKit;

/// <summary>A task on the wire waiting for its result. Completed on the client's read loop; continuations run elsewhere.</summary>
internal abstract class PendingTask
{
    protected PendingTask(ulong id) => Id = id;

    public ulong Id { get; }

    public DateTimeOffset Submitted { get; } = DateTimeOffset.UtcNow;

    public TaskMetadata? Metadata { get; private set; }

    public abstract Task Completion { get; }

    /// <summary>The token whose cancellation aborted this task, carried by the <see cref="TaskAbortedException"/> it ends with.</summary>
    public CancellationToken AbortedBy { get; set; }

    public void Complete(in ResultHeader header, ReadOnlySequence<byte> payload, string? stdout, string? stderr)
    {
        Metadata = new TaskMetadata
        {
            EngineId = header.EngineId,
            Submitted = Submitted,
            Started = new DateTimeOffset(header.StartedTicks, TimeSpan.Zero),
            Completed = new DateTimeOffset(header.CompletedTicks, TimeSpan.Zero),
            Received = DateTimeOffset.UtcNow,
            Stdout = stdout ?? string.Empty,
            Stderr = stderr ?? string.Empty,
        };
        if (header.Status == ResultStatus.Ok)
        {
            try
            {
                SetResult(payload);
            }
            catch (Exception e)
            {
                Fail(new RemoteException(e.GetType().FullName!, "The result could not be read on the client: " + e.Message, e.StackTrace, header.EngineId));
            }
        }
        else
        {
            var reader = new WireReader(payload);
            Fail(TaskMessages.ReadError(ref reader, header.EngineId, AbortedBy));
        }
    }

    public abstract void Fail(Exception error);

    protected abstract void SetResult(ReadOnlySequence<byte> payload);
}

/// <summary>A pending task whose payload decodes to <typeparamref name="T"/>.</summary>
internal sealed class PendingTask<T> : PendingTask
{
    private readonly TaskCompletionSource<T> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<ReadOnlySequence<byte>, T> _decode;

    public PendingTask(ulong id, Func<ReadOnlySequence<byte>, T> decode)
        : base(id) => _decode = decode;

    public Task<T> Task => _tcs.Task;

    public override Task Completion => _tcs.Task;

    public override void Fail(Exception error) => _tcs.TrySetException(error);

    protected override void SetResult(ReadOnlySequence<byte> payload) => _tcs.TrySetResult(_decode(payload));
}

/// <summary>Decoders for results.</summary>
internal static class Decoders<T>
{
    public static readonly Func<ReadOnlySequence<byte>, T> MemoryPack = typeof(T) == typeof(Unit)
        ? static _ => default!
        : static payload => MemoryPackSerializer.Deserialize<T>(payload)!;
}
