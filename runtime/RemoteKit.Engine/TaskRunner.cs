using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Engine;

/// <summary>Runs one task body of any <see cref="TaskKind"/> and writes its payload.</summary>
internal static class TaskRunner
{
    public static async Task RunAsync(EngineService engine, WorkItem item, FrameBuilder payload, RemoteContext context)
    {
        var body = item.Body;
        var kind = (TaskKind)body.Span[0];
        switch (kind)
        {
            case TaskKind.Call:
            {
                var invoker = await ResolveAsync(engine, body).ConfigureAwait(false);
                var invocation = new RemoteInvocation(body[(1 + 8 + CodeBundle.HashLength)..], context, payload);
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

            case TaskKind.Batch:
                await RunBatchAsync(engine, body, payload, context).ConfigureAwait(false);
                break;
            case TaskKind.Push:
                Push(context.Namespace, body[1..]);
                break;
            case TaskKind.Pull:
                Pull(context.Namespace, body[1..], payload, context.EngineId);
                break;
            case TaskKind.Execute:
                await ScriptRunner.ExecuteAsync(ReadString(body[1..]), context).ConfigureAwait(false);
                break;
            default:
                throw new ProtocolViolationException($"Unknown task kind {(byte)kind}.");
        }
    }

    public static void WriteError(IBufferWriter<byte> w, Exception e)
    {
        w.WriteString(e.GetType().FullName);
        w.WriteString(e.Message);
        w.WriteString(e.StackTrace);
    }

    private static async Task<RemoteInvoker> ResolveAsync(EngineService engine, ReadOnlyMemory<byte> body)
    {
        var methodId = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(body.Span[1..]);
        var bundle = await engine.GetCodeAsync(body.Span.Slice(9, CodeBundle.HashLength)).ConfigureAwait(false);
        return bundle.Invokers.TryGetValue(methodId, out var invoker)
            ? invoker
            : throw new MissingMethodException($"The shipped code has no [Remote] method with id {methodId:x16}; rebuild the client program.");
    }

    private static async Task RunBatchAsync(EngineService engine, ReadOnlyMemory<byte> body, FrameBuilder payload, RemoteContext context)
    {
        var invoker = await ResolveAsync(engine, body).ConfigureAwait(false);
        var offset = 1 + 8 + CodeBundle.HashLength;
        var count = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(body.Span[offset..]);
        offset += 4;
        payload.WriteI32(context.EngineId);
        payload.WriteI32(count);
        for (var i = 0; i < count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(body.Span[offset..]);
            offset += 4;
            var arguments = body.Slice(offset, length);
            offset += length;
            var itemAt = payload.Position;
            payload.WriteU8((byte)ResultStatus.Ok);
            var lengthAt = payload.Reserve(4);
            var invocation = new RemoteInvocation(arguments, context, payload);
            try
            {
                var pending = invoker.InvokeAsync(invocation);
                if (!pending.IsCompletedSuccessfully)
                {
                    await pending.ConfigureAwait(false);
                }

                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(payload.At(lengthAt, 4), payload.Position - lengthAt - 4);
            }
            catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
            {
                payload.Truncate(itemAt);
                payload.WriteU8((byte)ResultStatus.Error);
                WriteError(payload, e);
            }
            finally
            {
                invocation.Release();
            }
        }
    }

    private static void Push(EngineNamespace ns, ReadOnlyMemory<byte> body)
    {
        var reader = new WireReader(new ReadOnlySequence<byte>(body));
        var n = reader.ReadI32();
        for (var i = 0; i < n; i++)
        {
            var name = reader.ReadRequiredString();
            var type = reader.ReadRequiredString();
            ns.SetSerialized(name, type, reader.ReadBlob());
        }
    }

    private static void Pull(EngineNamespace ns, ReadOnlyMemory<byte> body, FrameBuilder payload, int engineId)
    {
        var reader = new WireReader(new ReadOnlySequence<byte>(body));
        var n = reader.ReadI32();
        var entries = new EngineNamespace.Entry[n];
        for (var i = 0; i < n; i++)
        {
            var name = reader.ReadRequiredString();
            if (!ns.TryGetEntry(name, out entries[i]))
            {
                throw new KeyNotFoundException($"Engine {engineId} has no variable named '{name}' in its namespace; push or scatter it first.");
            }
        }

        payload.WriteI32(n);
        foreach (var entry in entries)
        {
            payload.WriteString(entry.TypeName);
            var at = payload.Reserve(4);
            var before = payload.Position;
            entry.WriteTo(payload);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(payload.At(at, 4), payload.Position - before);
        }
    }

    private static string ReadString(ReadOnlyMemory<byte> body)
    {
        var reader = new WireReader(new ReadOnlySequence<byte>(body));
        return reader.ReadRequiredString();
    }
}
