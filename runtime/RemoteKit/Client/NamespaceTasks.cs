using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using RemoteKit.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// Push, pull, scatter, gather and execute: tasks on the engines' namespaces, ordered with every other task. Large values
/// to or from one engine travel on its direct connection when it has one (<see cref="DirectPaths"/>).
/// </summary>
internal sealed class NamespaceTasks(TaskSubmitter tasks, DirectPaths direct)
{
    /// <summary>Sets variables on each engine; <paramref name="single"/> gives a one-engine view's plain (not aggregate) errors.</summary>
    public AsyncResult Push(IReadOnlyList<int> targets, object values, bool single, CancellationToken cancellationToken)
    {
        var variables = NamespaceCodec.VariablesOf(values);
        var sizeHint = NamespaceCodec.SizeHint(variables);
        if (targets.Count == 1 && variables.Count == 1 && sizeHint >= DirectPaths.MinimumBytes && direct.Ready(targets[0]) is { } path)
        {
            var (name, value) = variables[0];
            var part = value is Array array && ArrayBytes.TryLend(array, 0, array.Length, out var raw)
                ? PushLent(path, targets[0], name, NamespaceCodec.TypeNameOf(value), array.Length, raw)
                : PushDirect(path, targets[0], name, NamespaceCodec.TypeNameOf(value), (name, value), static (w, v) => NamespaceCodec.WriteValue(w, v.name, v.value), sizeHint);
            if (part is not null)
            {
                return Completion([part], single, cancellationToken);
            }
        }
        else if (targets.Count > 1 && variables.Count == 1 && sizeHint >= DirectPaths.MinimumBytes)
        {
            return Completion(PushToEach(targets, variables, sizeHint), single, cancellationToken);
        }

        var parts = tasks.SendToEach(targets, Decoders<NoValue>.MemoryPack, null, static (w, v) => TaskMessages.WritePush(w, v), variables, sizeHint);
        return Completion(parts, single, cancellationToken);
    }

    public AsyncResult Execute(IReadOnlyList<int> targets, string code, bool single, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var parts = tasks.SendToEach(targets, Decoders<NoValue>.MemoryPack, null, static (w, c) => TaskMessages.WriteExecute(w, c), code, code.Length * 3);
        return Completion(parts, single, cancellationToken);
    }

    /// <summary>
    /// Pulls a variable from each engine; <paramref name="typed"/>: <paramref name="decode"/> is MemoryPack's of
    /// <typeparamref name="T"/>, so an array of primitives may arrive straight into its array. <paramref name="keep"/>, if
    /// given, reads a value that came on a direct connection in place of <paramref name="decode"/>, and may keep a share of
    /// the buffer it arrived in rather than copy it.
    /// </summary>
    public AsyncResult<T[]> Pull<T>(
        IReadOnlyList<int> targets, string name, Func<string, ReadOnlySequence<byte>, T> decode, CancellationToken cancellationToken, bool typed = false,
        Func<string, ReadOnlyMemory<byte>, SharedBuffer, T>? keep = null)
    {
        var parts = PullParts(targets, name, decode, typed, keep);
        return tasks.Watch(new AsyncResult<T[]>(tasks, parts, UnwrapAll(TaskSubmitter.Gather(parts))), cancellationToken);
    }

    /// <summary>Pulls a variable from one engine; <paramref name="typed"/> as for <see cref="Pull{T}"/>.</summary>
    public AsyncResult<T> PullOne<T>(int engine, string name, Func<string, ReadOnlySequence<byte>, T> decode, CancellationToken cancellationToken, bool typed = false)
    {
        var parts = PullParts([engine], name, decode, typed);
        return tasks.Watch(new AsyncResult<T>(tasks, parts, parts[0].Task.Unwrap()), cancellationToken);
    }

    /// <summary>Gives each engine a contiguous, balanced chunk of <paramref name="items"/> as a <c>T[]</c>.</summary>
    public AsyncResult Scatter<T>(IReadOnlyList<int> targets, string name, IEnumerable<T> items, CancellationToken cancellationToken)
    {
        NamespaceCodec.ValidateName(name);
        ArgumentNullException.ThrowIfNull(items);
        var all = items as T[] ?? items.ToArray();
        var typeName = NamespaceCodec.ArrayTypeName<T>();
        var parts = Partition.Contiguous(all.Length, targets.Count)
            .Select(p =>
            {
                var slice = new ArraySegment<T>(all, p.Start, p.Length);
                var sizeHint = NamespaceCodec.SizeHint<T>(p.Length);
                var sent = sizeHint >= DirectPaths.MinimumBytes && direct.Ready(targets[p.Part]) is { } path
                    ? ArrayBytes.TryLend(all, p.Start, p.Length, out var raw)
                        ? PushLent(path, targets[p.Part], name, typeName, p.Length, raw)
                        : PushDirect(path, targets[p.Part], name, typeName, slice, static (w, s) => NamespaceCodec.WriteArray(w, s), sizeHint)
                    : null;
                return sent ?? tasks.Send(
                        TaskTarget.Engine(targets[p.Part]), Decoders<NoValue>.MemoryPack, null,
                        static (w, s) => TaskMessages.WritePushSlice(w, s.name, s.slice), (name, slice), sizeHint + name.Length * 3);
            })
            .ToArray();
        return Completion(parts, single: false, cancellationToken);
    }

    /// <summary>Concatenates, in engine order, the <c>T[]</c> each engine holds under <paramref name="name"/>.</summary>
    public AsyncResult<T[]> Gather<T>(IReadOnlyList<int> targets, string name, CancellationToken cancellationToken)
    {
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            // Unmanaged elements: each engine's raw bytes stay in the pooled buffer they arrived in (a value that came through
            // the controller is copied out of its frame) and are copied once, into the result.
            var raw = Pull(
                targets, name, static (typeName, bytes) => NamespaceCodec.RawChunk.Read<T>(typeName, bytes), cancellationToken,
                keep: static (typeName, bytes, owner) => NamespaceCodec.RawChunk.Keep<T>(typeName, bytes, owner));
            return new AsyncResult<T[]>(tasks, raw.Parts, NamespaceCodec.ConcatRawAsync<T>(raw.Task));
        }

        var pulled = Pull(targets, name, static (typeName, bytes) => NamespaceCodec.DecodeTyped<T[]>(typeName, bytes) ?? [], cancellationToken);
        return new AsyncResult<T[]>(tasks, pulled.Parts, NamespaceCodec.ConcatAsync(pulled.Task));
    }

    /// <summary>
    /// Pulls <paramref name="name"/> from each engine; a value pulled directly is decoded once it has arrived on the engine's
    /// direct connection as well as its result.
    /// </summary>
    private PendingTask<Task<T>>[] PullParts<T>(
        IReadOnlyList<int> targets, string name, Func<string, ReadOnlySequence<byte>, T> decode, bool typed, Func<string, ReadOnlyMemory<byte>, SharedBuffer, T>? keep = null)
    {
        NamespaceCodec.ValidateName(name);
        var parts = new PendingTask<Task<T>>[targets.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var engine = targets[i];
            if (direct.Ready(engine, open: false) is { } path)
            {
                var token = Guid.NewGuid();
                var sink = typed ? PulledArraySink.For<T>() : null;
                if (sink is not null)
                {
                    // Before the task: the value may start to arrive before its result.
                    direct.Expect(path.Peer, token, sink);
                }

                PendingTask<Task<T>> part;
                try
                {
                    part = tasks.Send(
                        TaskTarget.Engine(engine), payload => ReadDirectPull(engine, path, token, payload, decode, sink, keep), null,
                        static (w, t) => t.Write(w), new DirectPullTask(name, direct.ClientId, token), 48 + (name.Length * 3));
                }
                catch when (sink is not null)
                {
                    direct.Forget(path.Peer, token);
                    throw;
                }

                if (sink is not null)
                {
                    // However the pull ends (answered, failed, aborted), its sink stops waiting.
                    var peer = path.Peer;
                    _ = part.Task.Unwrap().ContinueWith(
                        t =>
                        {
                            _ = t.Exception; // observed here: the caller hears of it through its own result
                            direct.Forget(peer, token);
                        },
                        CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }

                parts[i] = part;
                continue;
            }

            parts[i] = tasks.Send(
                TaskTarget.Engine(engine),
                payload =>
                {
                    if (payload.Length >= DirectPaths.MinimumBytes)
                    {
                        // A large value came through the controller: the next one from that engine goes directly.
                        direct.Ready(engine);
                    }

                    return Task.FromResult(TaskMessages.ReadPull(payload, decode));
                },
                null, static (w, n) => TaskMessages.WritePull(w, n), name, 16 + (name.Length * 3));
        }

        return parts;
    }

    private Task<T> ReadDirectPull<T>(
        int engine, DirectPaths.Path path, Guid token, ReadOnlySequence<byte> payload, Func<string, ReadOnlySequence<byte>, T> decode, PulledArraySink? sink,
        Func<string, ReadOnlyMemory<byte>, SharedBuffer, T>? keep)
    {
        var reader = new WireReader(payload);
        var (typeName, sentDirectly, length, inline) = DirectPullReply.Read(ref reader);
        if (!sentDirectly)
        {
            if (sink is not null)
            {
                direct.Forget(path.Peer, token);
            }

            return Task.FromResult(decode(typeName, inline));
        }

        return ArrivedAsync(engine, path, token, typeName, length, decode, sink, keep);
    }

    private async Task<T> ArrivedAsync<T>(
        int engine, DirectPaths.Path path, Guid token, string typeName, long length, Func<string, ReadOnlySequence<byte>, T> decode, PulledArraySink? sink,
        Func<string, ReadOnlyMemory<byte>, SharedBuffer, T>? keep)
    {
        DirectDelivery value;
        try
        {
            using var taken = new CancellationTokenSource();
            var delivered = direct.Inbox.WaitAsync(path.Peer, token, FrameDeadline.Default.For(length), taken.Token);
            if (sink is not null && await Task.WhenAny(sink.Arrived, delivered).ConfigureAwait(false) == sink.Arrived)
            {
                // Read straight into its array: the inbox will see nothing of it.
                taken.Cancel();
                await ((Task)delivered).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                var array = await sink.Arrived.ConfigureAwait(false);
                try
                {
                    NamespaceCodec.CheckType(typeName, typeof(T));
                }
                catch (Exception e)
                {
                    throw PendingTask.Unreadable(e, engine);
                }

                return (T)(object)array;
            }

            if (sink is not null)
            {
                direct.Forget(path.Peer, token);
            }

            value = await delivered.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            throw new RemoteKitConnectionException($"A pulled value of {length:N0} bytes did not arrive on the engine's direct connection: {e.Message}", e);
        }

        try
        {
            return keep is not null ? keep(typeName, value.Bytes, value.Owner) : decode(typeName, new ReadOnlySequence<byte>(value.Bytes));
        }
        catch (Exception e)
        {
            throw PendingTask.Unreadable(e, engine);
        }
        finally
        {
            value.Owner.Release();
        }
    }

    /// <summary>
    /// Pushes one large variable to several engines: serialized once, and sent from that one buffer on each direct connection
    /// that is open; engines without one get it through the controller.
    /// </summary>
    private PendingTask<NoValue>[] PushToEach(IReadOnlyList<int> targets, IReadOnlyList<KeyValuePair<string, object?>> variables, int sizeHint)
    {
        var (name, value) = variables[0];
        var typeName = NamespaceCodec.TypeNameOf(value);
        var serialized = new FrameBuilder(0, sizeHint);
        NamespaceCodec.WriteValue(serialized, name, value);
        var written = serialized.Finish();
        var shared = new SharedBuffer(written.Buffer);
        var bytes = written.Memory[Frame.HeaderLength..];
        var parts = new PendingTask<NoValue>[targets.Count];
        var viaController = new List<int>();
        try
        {
            for (var i = 0; i < parts.Length; i++)
            {
                var token = Guid.NewGuid();
                if (direct.Ready(targets[i])?.Connection?.Send(Message.Start(new DirectDataMessage(token), 0).Finish(bytes, shared)) == true)
                {
                    parts[i] = tasks.Send(
                        TaskTarget.Engine(targets[i]), Decoders<NoValue>.MemoryPack, null, static (w, t) => t.Write(w),
                        new DirectPushTask(name, typeName, direct.ClientId, token, bytes.Length), 64 + (name.Length * 3) + (typeName.Length * 3));
                }
                else
                {
                    viaController.Add(i);
                }
            }
        }
        finally
        {
            shared.Release();
        }

        if (viaController.Count > 0)
        {
            var sent = tasks.SendToEach(
                viaController.Select(i => targets[i]).ToArray(), Decoders<NoValue>.MemoryPack, null, static (w, v) => TaskMessages.WritePush(w, v), variables, sizeHint);
            for (var i = 0; i < sent.Length; i++)
            {
                parts[viaController[i]] = sent[i];
            }
        }

        return parts;
    }

    /// <summary>Sends a value on an engine's direct connection, then the task that sets it, through the controller; null if that connection closed.</summary>
    private PendingTask<NoValue>? PushDirect<TState>(
        DirectPaths.Path path, int engine, string name, string typeName, TState state, Action<FrameBuilder, TState> writeValue, int sizeHint)
    {
        var token = Guid.NewGuid();
        var frame = Message.Start(new DirectDataMessage(token), sizeHint);
        var start = frame.Position;
        writeValue(frame, state);
        var length = frame.Position - start;

        if (path.Connection?.Send(frame.Finish()) != true)
        {
            // Closed meanwhile: the caller sends it through the controller.
            return null;
        }

        return tasks.Send(
            TaskTarget.Engine(engine), Decoders<NoValue>.MemoryPack, null, static (w, t) => t.Write(w),
            new DirectPushTask(name, typeName, direct.ClientId, token, length), 64 + (name.Length * 3) + (typeName.Length * 3));
    }

    /// <summary>
    /// <see cref="PushDirect"/> for an array of primitives: the frame holds MemoryPack's header of the array (its element
    /// count), and its elements go to the socket from the caller's array (<paramref name="raw"/>), not copied; the push's
    /// result completes only after the engine has them, so the array is lent for as long as the caller waits.
    /// </summary>
    private PendingTask<NoValue>? PushLent(DirectPaths.Path path, int engine, string name, string typeName, int count, ReadOnlyMemory<byte> raw)
    {
        var token = Guid.NewGuid();
        var frame = Message.Start(new DirectDataMessage(token), sizeof(int));
        BinaryPrimitives.WriteInt32LittleEndian(frame.GetSpan(sizeof(int)), count);
        frame.Advance(sizeof(int));
        if (path.Connection?.Send(frame.FinishLending(raw)) != true)
        {
            return null;
        }

        return tasks.Send(
            TaskTarget.Engine(engine), Decoders<NoValue>.MemoryPack, null, static (w, t) => t.Write(w),
            new DirectPushTask(name, typeName, direct.ClientId, token, sizeof(int) + raw.Length), 64 + (name.Length * 3) + (typeName.Length * 3));
    }

    private static async Task<T[]> UnwrapAll<T>(Task<Task<T>[]> parts) => await Task.WhenAll(await parts.ConfigureAwait(false)).ConfigureAwait(false);

    private AsyncResult Completion(PendingTask<NoValue>[] parts, bool single, CancellationToken cancellationToken) =>
        tasks.Watch(new AsyncResult(tasks, parts, single ? parts[0].Task : TaskSubmitter.Gather(parts)), cancellationToken);
}
