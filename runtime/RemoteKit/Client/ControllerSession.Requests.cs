using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>Requests and their replies: the task history, queue status, shutdown; one place registers and ends each wait.</summary>
internal sealed partial class ControllerSession
{
    /// <summary>Asks the controller's task history for the records matching <paramref name="query"/>.</summary>
    public async Task<IReadOnlyList<TaskHistoryRecord>> HistoryAsync(TaskHistoryQuery query, CancellationToken cancellationToken)
    {
        var reply = await HistoryRequestAsync(new HistoryRequestMessage(0, HistoryOp.Query, query), cancellationToken).ConfigureAwait(false);
        var reader = new WireReader(new ReadOnlySequence<byte>(reply));
        HistoryReplyMessage.Read(ref reader);
        var records = new TaskHistoryRecord[reader.ReadCount(20)];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = HistoryReplyMessage.ReadRecord(ref reader);
        }

        return records;
    }

    /// <summary>Asks the controller's task history for a finished task's kept result: its task kind and payload.</summary>
    public async Task<(TaskKind Kind, ReadOnlySequence<byte> Payload)> GetResultAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var reply = await HistoryRequestAsync(new HistoryRequestMessage(0, HistoryOp.GetResult, TaskId: taskId), cancellationToken).ConfigureAwait(false);
        var reader = new WireReader(new ReadOnlySequence<byte>(reply));
        HistoryReplyMessage.Read(ref reader);
        var kind = (TaskKind)reader.ReadU8();
        return (kind, reader.Rest);
    }

    private async Task<byte[]> HistoryRequestAsync(HistoryRequestMessage request, CancellationToken cancellationToken)
    {
        await FlushOneHopAsync(cancellationToken).ConfigureAwait(false);
        var reply = await RequestAsync(request, static (id, r) => Message.ToFrame(r with { RequestId = id }), ordered: true, cancellationToken).ConfigureAwait(false);
        var reader = new WireReader(new ReadOnlySequence<byte>(reply));
        var header = HistoryReplyMessage.Read(ref reader);
        return header.Outcome switch
        {
            HistoryReplyMessage.Ok => reply,
            HistoryReplyMessage.NotKept => throw new KeyNotFoundException(header.Error),
            _ => throw new InvalidOperationException(header.Error),
        };
    }

    public async Task<QueueStatusReport> QueueStatusAsync(CancellationToken cancellationToken)
    {
        var reply = await ControlAsync(ControlOp.QueueStatus, cancellationToken).ConfigureAwait(false);
        var reader = new WireReader(new ReadOnlySequence<byte>(reply));
        ControlReplyMessage.Read(ref reader);
        var status = QueueStatusReply.Read(ref reader);
        return new QueueStatusReport(status.Unassigned, status.Engines.Select(e =>
        {
            // The controller counts an engine's one-hop tasks as the engine last reported them (e.OneHop of its queued and
            // running): this client's own pending on it that the report may not count yet (sent since) are added here.
            var held = e.Queued + e.Running + Math.Max(0, DirectPendingOn(e.EngineId) - e.OneHop);
            return new EngineQueueStatus(e.EngineId, Math.Max(0, held - 1), Math.Min(1, held), e.Completed) { KeptBytes = e.KeptBytes, KeptValues = e.KeptValues };
        }).ToArray());
    }

    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        var open = _channel.CloseReason is null;

        // Its connection's end is then the stop asked for, not a loss to wait out (the controller's own notice may not arrive).
        OnControllerStopping();
        try
        {
            await ControlAsync(ControlOp.Shutdown, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteKitConnectionException) when (open && !cancellationToken.IsCancellationRequested)
        {
            // The controller stops right after it answers; when its connection closes before the answer arrives here, the
            // shutdown asked for is under way. A connection already gone when asked still fails.
        }
    }

    private Task<byte[]> ControlAsync(ControlOp op, CancellationToken cancellationToken) =>
        RequestAsync(op, static (id, op) => Message.ToFrame(new ControlRequestMessage(id, op)), ordered: true, cancellationToken);

    /// <summary>
    /// Sends a request (built by <paramref name="build"/> for a new request id) and waits for the reply with that id, whose
    /// whole body it returns. The one place requests are registered, and the entry is removed however the wait ends.
    /// </summary>
    private async Task<byte[]> RequestAsync<TState>(TState state, Func<ulong, TState, OutgoingFrame> build, bool ordered, CancellationToken cancellationToken)
    {
        ThrowIfLost();
        ThrowIfReconnecting();
        var id = NextId();
        var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[id] = reply;
        try
        {
            if (_lost is { } lost)
            {
                // Lost between the check and the registration: the read loop may have failed the requests before this one was in.
                throw new RemoteKitConnectionException(lost.Message, lost);
            }

            ThrowIfReconnecting();

            var frame = build(id, state);
            if (ordered)
            {
                Outbox.Send(frame);
            }
            else
            {
                Send(frame);
            }

            return await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _requests.TryRemove(id, out _);
        }
    }
}
