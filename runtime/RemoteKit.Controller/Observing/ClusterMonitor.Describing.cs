using System.Buffers;
using System.Buffers.Binary;
using RemoteKit.Controller.History;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Controller.Observing;

/// <summary>Answering history requests, and reading what tasks, results and peers are from their bytes.</summary>
internal sealed partial class ClusterMonitor
{
    public void HistoryRequested(IFrameChannel client, in ReadOnlySequence<byte> body)
    {
        var reader = new WireReader(body);
        var request = HistoryRequestMessage.Read(ref reader);
        if (_history is null)
        {
            client.Send(HistoryReplyMessage.Unavailable(request.RequestId, "This controller keeps no task history (RemoteKit:Controller:History:Enabled is false)."));
            return;
        }

        // Every event the hub reported before this request is applied first: a task whose result the client saw is found.
        Drain();
        _ = AnswerAsync(client, request);
    }

    private async Task AnswerAsync(IFrameChannel client, HistoryRequestMessage request)
    {
        OutgoingFrame reply;
        try
        {
            if (request.Op == HistoryOp.Query)
            {
                var records = await QueryAsync(request.Query!).ConfigureAwait(false);
                var frame = Message.Start(new HistoryReplyMessage(request.RequestId, HistoryReplyMessage.Ok, null), 16 + (records.Count * 96));
                frame.WriteI32(records.Count);
                foreach (var record in records)
                {
                    HistoryReplyMessage.WriteRecord(frame, record);
                }

                reply = frame.Finish();
            }
            else
            {
                var result = await _history!.GetResultAsync(request.TaskId).ConfigureAwait(false);
                if (result is null)
                {
                    var record = LiveRecord(request.TaskId) ?? await _history.GetAsync(request.TaskId).ConfigureAwait(false);
                    var why = record is null
                        ? $"There is no record of task {request.TaskId}."
                        : record.Status != TaskHistoryStatus.Completed
                            ? $"Task {request.TaskId} did not complete: it is {record.Status}{(record.ErrorType is null ? "" : $" ({record.ErrorType}: {record.ErrorMessage})")}."
                            : $"The result of task {request.TaskId} was not kept (RemoteKit:Controller:History:Results is None, or it fell out of the result budget).";
                    reply = Message.ToFrame(new HistoryReplyMessage(request.RequestId, HistoryReplyMessage.NotKept, why));
                }
                else
                {
                    var frame = Message.Start(new HistoryReplyMessage(request.RequestId, HistoryReplyMessage.Ok, null), result.Length);
                    frame.Write(result);
                    reply = frame.Finish();
                }
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            reply = HistoryReplyMessage.Unavailable(request.RequestId, $"The task history could not be read: {e.Message}");
        }

        client.Send(reply);
    }

    /// <summary>
    /// The history's finished records merged with the tasks still live, which only this monitor knows about. The live ones
    /// are read first: a task finishing meanwhile is then found in one or the other, and its stored record wins.
    /// </summary>
    private async Task<IReadOnlyList<TaskHistoryRecord>> QueryAsync(TaskHistoryQuery query)
    {
        List<TaskHistoryRecord> live;
        lock (_gate)
        {
            live = [.. _live.Values.Select(t => t.ToRecord()).Where(query.Matches)];
        }

        var stored = await _history!.QueryAsync(query).ConfigureAwait(false);
        if (live.Count == 0)
        {
            return stored;
        }

        var merged = new SortedDictionary<ulong, TaskHistoryRecord>();
        foreach (var record in live.Concat(stored))
        {
            merged[record.TaskId] = record;
        }

        var all = merged.Values;
        return query.MaxRecords is { } max && all.Count > max ? [.. all.Skip(all.Count - max)] : [.. all];
    }

    private TaskHistoryRecord? LiveRecord(ulong taskId)
    {
        lock (_gate)
        {
            return _live.TryGetValue(taskId, out var task) ? task.ToRecord() : null;
        }
    }

    private (TaskKind Kind, string Method) Describe(in ReadOnlySequence<byte> taskBody)
    {
        var last = default(LastMethod);
        return Describe(taskBody, ref last);
    }

    /// <summary>
    /// As <see cref="Describe(in ReadOnlySequence{byte})"/>, with the name of the method last looked up kept in
    /// <paramref name="last"/>: a batch of one-hop outcomes nearly always runs one method, looked up once.
    /// </summary>
    private (TaskKind Kind, string Method) Describe(in ReadOnlySequence<byte> taskBody, ref LastMethod last)
    {
        // A call's kind and method id, read straight from the first segment: nearly every task the monitor sees.
        var first = taskBody.FirstSpan;
        if (first.Length >= 1 + sizeof(ulong) && (TaskKind)first[0] is TaskKind.Call or TaskKind.Batch or TaskKind.Columns)
        {
            var id = BinaryPrimitives.ReadUInt64LittleEndian(first[1..]);
            if (last.Name is not { } name || last.Id != id)
            {
                name = NameOf(id);
                last = new LastMethod(id, name);
            }

            return ((TaskKind)first[0], name);
        }

        var reader = new WireReader(taskBody);
        var kind = TaskBody.ReadKind(ref reader);
        return kind switch
        {
            TaskKind.Call or TaskKind.Batch or TaskKind.Columns => (kind, NameOf(reader.ReadU64())),
            TaskKind.Push or TaskKind.DirectPush => (kind, "push"),
            TaskKind.Pull or TaskKind.DirectPull => (kind, "pull"),
            TaskKind.DirectEndpoint => (kind, "direct endpoint"),
            TaskKind.Execute => (kind, "execute"),
            _ => (kind, "unknown"),
        };
    }

    /// <summary>A result body's header, read straight from its first segment when it is there whole.</summary>
    private static ResultHeader HeaderOf(in ReadOnlySequence<byte> resultBody)
    {
        var first = resultBody.FirstSpan;
        if (first.Length >= ResultHeader.Size)
        {
            return ResultHeader.Read(first);
        }

        var reader = new WireReader(resultBody);
        return ResultHeader.Read(ref reader);
    }

    /// <summary>A result body's payload (its value, or its error), after <paramref name="header"/>.</summary>
    private static ReadOnlySequence<byte> PayloadOf(in ReadOnlySequence<byte> resultBody, in ResultHeader header)
    {
        var reader = new WireReader(resultBody.Slice(ResultHeader.Size));
        return reader.ReadSequence(header.PayloadLength);
    }

    /// <summary>A method id and its name, as last looked up.</summary>
    private readonly record struct LastMethod(ulong Id, string? Name);

    private string NameOf(ulong methodId) => _methods.TryGetValue(methodId, out var name) ? name : $"method {methodId:x16}";

    private static (TaskHistoryStatus Status, TaskError Error)? FirstBatchError(TaskKind kind, in ReadOnlySequence<byte> payload) =>
        BatchReply.FirstFailure(kind, payload) is { } failure
            ? (StatusOf(failure.Kind), new TaskError(failure.Type ?? "System.Exception", failure.Message, failure.StackTrace))
            : null;

    private static TaskHistoryStatus StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Aborted => TaskHistoryStatus.Aborted,
        ErrorKind.EngineLost => TaskHistoryStatus.Lost,
        ErrorKind.TimedOut => TaskHistoryStatus.TimedOut,
        _ => TaskHistoryStatus.Failed,
    };

    private static string HostOf(string peer)
    {
        var open = peer.LastIndexOf('(');
        var inner = open >= 0 ? peer[(open + 1)..].TrimEnd(')') : peer;
        var colon = inner.LastIndexOf(':');
        return colon > 0 ? inner[..colon].Trim('[', ']') : inner;
    }
}
