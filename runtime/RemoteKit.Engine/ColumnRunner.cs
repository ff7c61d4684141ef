using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Engine;

/// <summary>
/// Runs a <see cref="ColumnsTask"/>: the method's generated column loop reads the argument columns in place and writes the
/// results straight into the reply (<see cref="ColumnsReply"/>), then the items that threw are listed after them.
/// </summary>
internal static class ColumnRunner
{
    public static void Run(RemoteInvoker invoker, ReadOnlyMemory<byte>[] columns, int count, FrameBuilder payload, RemoteContext context)
    {
        var loop = invoker.Columns
            ?? throw new NotSupportedException($"{invoker.Method.Name} has no column loop in the shipped code; rebuild the client program.");
        if (columns.Length != loop.Arity)
        {
            throw new ProtocolViolationException($"A columns task for {invoker.Method.Name} has {columns.Length} columns; the method takes {loop.Arity}.");
        }

        var results = ColumnsReply.BeginResults(payload, context.EngineId, count, loop.ResultBytes);
        var chunk = new ColumnChunk(columns, count, payload.At(results, count * loop.ResultBytes), context.CancellationToken);
        loop.Run(ref chunk);
        ColumnsReply.WriteFailures(payload, chunk.Failures);
    }
}
