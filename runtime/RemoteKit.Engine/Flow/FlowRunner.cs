using System.Buffers;
using RemoteKit.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Engine.Flow;

/// <summary>
/// Runs a <see cref="FlowDispatch"/>: gathers its inputs (kept here, or sent by the engine that keeps them), writes each into
/// the inner call's arguments where the caller left its place, runs the call, and keeps the result when asked to.
/// </summary>
internal static class FlowRunner
{
    public static async Task RunAsync(EngineSession session, WorkItem item, FrameBuilder payload, RemoteContext context, TaskFeed feed)
    {
        var (dispatch, innerStart) = Parse(item.Body);
        var inner = item.Body[innerStart..];
        byte[]? spliced = null;
        try
        {
            if (dispatch.Inputs.Length > 0)
            {
                (spliced, var length) = await SpliceAsync(session, item.Id, inner, dispatch.Inputs, context).ConfigureAwait(false);
                inner = spliced.AsMemory(0, length);
            }

            await TaskRunner.RunAsync(session, item, payload, context, feed, inner).ConfigureAwait(false);
        }
        finally
        {
            if (spliced is not null)
            {
                PooledBuffers.Return(spliced);
            }
        }
    }

    /// <summary>Whether a task's result is to be kept: a flow task with <see cref="FlowFlags.Keep"/>, or a value put to keep.</summary>
    public static bool KeepsResult(ReadOnlySpan<byte> body) => (TaskKind)body[0] switch
    {
        TaskKind.KeptPut => true,
        TaskKind.Flow => body.Length > 1 && ((FlowFlags)body[1] & FlowFlags.Keep) != 0,
        _ => false,
    };

    /// <summary>Whether a task may be asked to keep its result after it was sent (<see cref="KeepMessage"/>): a call, plain or in a flow.</summary>
    public static bool MayKeep(ReadOnlySpan<byte> body) => (TaskKind)body[0] is TaskKind.Call or TaskKind.Flow;

    /// <summary>Moves the value written from <paramref name="payloadStart"/> into the kept store, leaving a <see cref="KeptReply"/> in its place.</summary>
    public static void Keep(EngineSession session, ulong taskId, FrameBuilder payload, int payloadStart, int engineId)
    {
        var size = payload.Position - payloadStart;
        session.Kept.Add(taskId, payload.At(payloadStart, size).ToArray(), engineId);
        payload.Truncate(payloadStart);
        new KeptReply(taskId, size).Write(payload);
    }

    /// <summary>A kept value's bytes, as the call that made it returned them.</summary>
    public static void Get(EngineSession session, ReadOnlyMemory<byte> body, FrameBuilder payload, int engineId)
    {
        var reader = new WireReader(new ReadOnlySequence<byte>(body));
        TaskBody.ReadKind(ref reader);
        var id = KeptGetTask.Read(ref reader).RefId;
        payload.Write(Value(session, id, engineId));
    }

    private static byte[] Value(EngineSession session, ulong refId, int engineId) => session.Kept.TryGet(refId, out var value)
        ? value
        : throw new KeyNotFoundException($"Engine {engineId} no longer keeps the value of task {refId} (its RemoteRef was disposed, or its client left).");

    private static async Task<(byte[] Buffer, int Length)> SpliceAsync(
        EngineSession session, ulong taskId, ReadOnlyMemory<byte> inner, FlowDispatchInput[] inputs, RemoteContext context)
    {
        var values = new ReadOnlyMemory<byte>[inputs.Length];
        var owners = new SharedBuffer?[inputs.Length];
        try
        {
            long total = inner.Length;
            for (var i = 0; i < inputs.Length; i++)
            {
                var input = inputs[i];
                if (input.HolderEngineId == context.EngineId)
                {
                    values[i] = Value(session, input.RefId, context.EngineId);
                }
                else
                {
                    var delivery = await ReceiveAsync(session, taskId, input, context).ConfigureAwait(false);
                    owners[i] = delivery.Owner;
                    values[i] = delivery.Bytes;
                }

                total += values[i].Length;
            }

            if (total > Array.MaxLength)
            {
                throw new InvalidOperationException($"The task's arguments with its inputs come to {KeptStore.Size(total)}, more than one call can take.");
            }

            var buffer = PooledBuffers.Rent((int)total);
            var at = 0;
            var from = 0;
            for (var i = 0; i < inputs.Length; i++)
            {
                inner.Span[from..inputs[i].Offset].CopyTo(buffer.AsSpan(at));
                at += inputs[i].Offset - from;
                from = inputs[i].Offset;
                values[i].Span.CopyTo(buffer.AsSpan(at));
                at += values[i].Length;
            }

            inner.Span[from..].CopyTo(buffer.AsSpan(at));
            return (buffer, (int)total);
        }
        finally
        {
            foreach (var owner in owners)
            {
                owner?.Release();
            }
        }
    }

    private static async Task<DirectDelivery> ReceiveAsync(EngineSession session, ulong taskId, FlowDispatchInput input, RemoteContext context)
    {
        var direct = session.Direct ?? throw new InvalidOperationException(
            $"Engine {context.EngineId} has no direct path (RemoteKit:Engine:DirectAddress is 'none'), so the value of task {input.RefId} kept on engine " +
            $"{input.HolderEngineId} cannot reach it; run the task on engine {input.HolderEngineId}, or give engines a direct path.");
        var timeout = FrameDeadline.Default.For(input.Size) + FrameDeadline.DefaultMinimum;
        try
        {
            return await direct.Inbox.WaitAsync(
                FlowTask.EnginePeer(input.HolderEngineId), FlowTask.TransferToken(taskId, input.RefId), timeout, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or IOException)
        {
            throw new TimeoutException(
                $"The value of task {input.RefId} ({KeptStore.Size(input.Size)}), kept on engine {input.HolderEngineId}, did not arrive on engine " +
                $"{context.EngineId}'s direct path within {timeout.TotalSeconds:0} s ({e.Message}); engine {context.EngineId} must be reachable from engine " +
                $"{input.HolderEngineId} at its direct address.", e);
        }
    }

    private static (FlowDispatch Dispatch, int InnerStart) Parse(ReadOnlyMemory<byte> body)
    {
        var sequence = new ReadOnlySequence<byte>(body);
        var reader = new WireReader(sequence);
        TaskBody.ReadKind(ref reader);
        var dispatch = FlowDispatch.Read(ref reader);
        return (dispatch, (int)(sequence.Length - reader.Rest.Length));
    }
}
