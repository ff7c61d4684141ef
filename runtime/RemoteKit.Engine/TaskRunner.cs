using System.Buffers;
using System.Buffers.Binary;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Engine;

/// <summary>Runs one task body of any <see cref="TaskKind"/> and writes its payload. Layouts are read by the Protocol/ types.</summary>
internal static class TaskRunner
{
    /// <summary>Runs <paramref name="item"/>'s body, or <paramref name="body"/> (a flow task's inner call with its inputs written in).</summary>
    public static async Task RunAsync(EngineSession session, WorkItem item, FrameBuilder payload, RemoteContext context, TaskFeed feed, ReadOnlyMemory<byte>? body = null)
    {
        var task = ParsedTask.Parse(body ?? item.Body);
        switch (task.Kind)
        {
            case TaskKind.Call:
            {
                var invoker = await ResolveAsync(session, task.MethodId, task.BundleHash).ConfigureAwait(false);
                var invocation = new RemoteInvocation(task.Argument, context, payload, progress: feed);
                try
                {
                    await invoker.InvokeAsync(invocation).ConfigureAwait(false);
                }
                finally
                {
                    invocation.Release();
                }

                break;
            }

            case TaskKind.Stream:
                await RunStreamAsync(session, item, task, payload, context, feed).ConfigureAwait(false);
                break;

            case TaskKind.Batch:
                await RunBatchAsync(session, task, payload, context).ConfigureAwait(false);
                break;
            case TaskKind.Columns:
            {
                var invoker = await ResolveAsync(session, task.MethodId, task.BundleHash).ConfigureAwait(false);
                ColumnRunner.Run(invoker, task.Arguments, task.Count, payload, context);
                break;
            }

            case TaskKind.Push:
                Push(context.Namespace, item);
                break;
            case TaskKind.Pull:
                Pull(context.Namespace, item.Body, payload, context.EngineId);
                break;
            case TaskKind.Execute:
                await ScriptRunner.ExecuteAsync(task.Code!, context).ConfigureAwait(false);
                break;
            case TaskKind.Flow when body is null:
                await Flow.FlowRunner.RunAsync(session, item, payload, context, feed).ConfigureAwait(false);
                break;
            case TaskKind.KeptPut:
                payload.Write(item.Body.Span[1..]);
                break;
            case TaskKind.KeptGet:
                Flow.FlowRunner.Get(session, item.Body, payload, context.EngineId);
                break;
            case TaskKind.DirectEndpoint or TaskKind.DirectPush or TaskKind.DirectPull:
                await DirectTasks.RunAsync(session, item, payload, context).ConfigureAwait(false);
                break;
            default:
                throw new ProtocolViolationException($"Unknown task kind {(byte)task.Kind}.");
        }
    }

    /// <summary>The invoker of a shipped method; completes at once (allocating nothing) when its bundle is loaded.</summary>
    private static ValueTask<RemoteInvoker> ResolveAsync(EngineSession session, ulong methodId, ReadOnlyMemory<byte> bundleHash)
    {
        var loading = session.GetCodeAsync(bundleHash);
        return loading.IsCompletedSuccessfully ? new ValueTask<RemoteInvoker>(Find(loading.Result, methodId)) : WaitAsync(loading, methodId);

        static async ValueTask<RemoteInvoker> WaitAsync(Task<LoadedBundle> loading, ulong methodId) => Find(await loading.ConfigureAwait(false), methodId);
    }

    private static RemoteInvoker Find(LoadedBundle bundle, ulong methodId) =>
        bundle.Invokers.TryGetValue(methodId, out var invoker)
            ? invoker
            : throw new MissingMethodException($"The shipped code has no [Remote] method with id {methodId:x16}; rebuild the client program.");

    /// <summary>
    /// Runs a method returning a stream: its items leave through a <see cref="StreamSink"/> as it yields them, and the payload
    /// says how many there were (<see cref="StreamReply"/>).
    /// </summary>
    private static async Task RunStreamAsync(EngineSession session, WorkItem item, ParsedTask task, FrameBuilder payload, RemoteContext context, TaskFeed feed)
    {
        var invoker = await ResolveAsync(session, task.MethodId, task.BundleHash).ConfigureAwait(false);
        using var sink = new StreamSink(session.Connection, item.Id, context.EngineId, task.Stream, session.Time, session.Live.StreamFlushInterval);
        item.Stream = sink;
        var invocation = new RemoteInvocation(task.Argument, context, payload, progress: feed, stream: sink);
        try
        {
            await invoker.InvokeAsync(invocation).ConfigureAwait(false);
        }
        finally
        {
            item.Stream = null;
            invocation.Release();
        }

        if (invocation.StreamedItems < 0)
        {
            throw new InvalidOperationException($"{invoker.Method.Name} does not return a stream (IAsyncEnumerable<T> or IEnumerable<T>); run it with ApplyAsync.");
        }

        StreamReply.Write(payload, invocation.StreamedItems);
    }

    private static async Task RunBatchAsync(EngineSession session, ParsedTask task, FrameBuilder payload, RemoteContext context)
    {
        var invoker = await ResolveAsync(session, task.MethodId, task.BundleHash).ConfigureAwait(false);
        BatchReply.WriteHeader(payload, context.EngineId, task.Arguments.Length);
        foreach (var arguments in task.Arguments)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var item = BatchReply.BeginItem(payload);
            var invocation = new RemoteInvocation(arguments, context, payload);
            try
            {
                var pending = invoker.InvokeAsync(invocation);
                if (!pending.IsCompletedSuccessfully)
                {
                    await pending.ConfigureAwait(false);
                }

                item.Succeed(payload);
            }
            catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
            {
                item.Fail(payload, e);
            }
            finally
            {
                invocation.Release();
            }
        }
    }

    private static void Push(EngineNamespace ns, WorkItem item)
    {
        var reader = new WireReader(new ReadOnlySequence<byte>(item.Body));
        TaskBody.ReadKind(ref reader);
        var n = PushTask.ReadCount(ref reader);
        for (var i = 0; i < n; i++)
        {
            var (name, type, value) = PushTask.ReadEntry(ref reader);
            if (value.Length >= item.Buffer.Array.Length / 2)
            {
                // Most of the task's buffer: the variable keeps it instead of a copy (a 100 MiB push costs no second 100 MiB).
                // A small value is copied, so it never pins a large buffer.
                ns.SetSerialized(name, type, value.First, item.Buffer);
            }
            else
            {
                ns.SetSerialized(name, type, value);
            }
        }
    }

    private static void Pull(EngineNamespace ns, ReadOnlyMemory<byte> body, FrameBuilder payload, int engineId)
    {
        var reader = new WireReader(new ReadOnlySequence<byte>(body));
        TaskBody.ReadKind(ref reader);
        var names = PullTask.Read(ref reader).Names;
        var entries = new EngineNamespace.Entry[names.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            if (!ns.TryGetEntry(names[i], out entries[i]))
            {
                throw new KeyNotFoundException($"Engine {engineId} has no variable named '{names[i]}' in its namespace; push or scatter it first.");
            }
        }

        PullReply.WriteHeader(payload, entries.Length);
        foreach (var entry in entries)
        {
            PullReply.WriteEntry(payload, entry.TypeName, entry, static (w, e) => e.WriteTo(w));
        }
    }

    /// <summary>
    /// What a task body holds, read before the first await (a reader cannot live across one). The bundle hash and the
    /// arguments are slices of the body, which the task's <see cref="WorkItem"/> holds while it runs: a call copies nothing.
    /// </summary>
    private readonly record struct ParsedTask(TaskKind Kind, ulong MethodId, ReadOnlyMemory<byte> BundleHash, ReadOnlyMemory<byte>[] Arguments, string? Code, int Count = 0)
    {
        /// <summary>The window of a stream task.</summary>
        public StreamTask Stream { get; init; }

        /// <summary>The arguments of a call or a stream (a batch and columns have <see cref="Arguments"/>).</summary>
        public ReadOnlyMemory<byte> Argument { get; init; }

        public static ParsedTask Parse(ReadOnlyMemory<byte> body)
        {
            const int callHeader = 1 + sizeof(ulong) + CodeBundle.HashLength;
            var span = body.Span;
            if (span.Length >= callHeader && (TaskKind)span[0] == TaskKind.Call)
            {
                // CallTask's layout, read in place from the body's one block (the commonest task, read without a sequence
                // reader): its Read copies the hash, once per task.
                var methodId = BinaryPrimitives.ReadUInt64LittleEndian(span[1..]);
                return new ParsedTask(TaskKind.Call, methodId, body.Slice(1 + sizeof(ulong), CodeBundle.HashLength), [], null) { Argument = body[callHeader..] };
            }

            var reader = new WireReader(new ReadOnlySequence<byte>(body));
            var kind = TaskBody.ReadKind(ref reader);
            switch (kind)
            {
                case TaskKind.Call:
                    // Shorter than its header: the reader names what is missing.
                    reader.ReadU64();
                    reader.ReadSequence(CodeBundle.HashLength);
                    throw new ProtocolViolationException("A call task ended inside its header.");

                case TaskKind.Stream:
                {
                    var stream = StreamTask.Read(ref reader);
                    return new ParsedTask(kind, stream.MethodId, stream.BundleHash, [], null) { Stream = stream, Argument = TaskBody.RestAsMemory(reader) };
                }

                case TaskKind.Batch:
                {
                    var batch = BatchTask.Read(ref reader);
                    var arguments = new ReadOnlyMemory<byte>[batch.Count];
                    for (var i = 0; i < arguments.Length; i++)
                    {
                        arguments[i] = TaskBody.AsMemory(reader.ReadBlob());
                    }

                    return new ParsedTask(kind, batch.MethodId, batch.BundleHash, arguments, null);
                }

                case TaskKind.Columns:
                {
                    var columns = ColumnsTask.Read(ref reader);
                    var arguments = new ReadOnlyMemory<byte>[columns.Columns];
                    for (var i = 0; i < arguments.Length; i++)
                    {
                        arguments[i] = TaskBody.AsMemory(ColumnsTask.ReadColumn(ref reader));
                    }

                    return new ParsedTask(kind, columns.MethodId, columns.BundleHash, arguments, null, columns.Count);
                }

                case TaskKind.Execute:
                    return new ParsedTask(kind, 0, default, [], ExecuteTask.Read(ref reader).Code);
                default:
                    return new ParsedTask(kind, 0, default, [], null);
            }
        }
    }
}
