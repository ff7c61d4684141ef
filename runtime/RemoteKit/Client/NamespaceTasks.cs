using System.Buffers;
using System.Runtime.CompilerServices;

namespace RemoteKit;

/// <summary>Push, pull, scatter, gather and execute: tasks on the engines' namespaces, ordered with every other task.</summary>
internal sealed class NamespaceTasks(TaskSubmitter tasks)
{
    /// <summary>Sets variables on each engine; <paramref name="single"/> gives a one-engine view's plain (not aggregate) errors.</summary>
    public AsyncResult Push(IReadOnlyList<int> targets, object values, bool single, CancellationToken cancellationToken)
    {
        var variables = NamespaceCodec.VariablesOf(values);
        var parts = tasks.SendToEach(targets, Decoders<Unit>.MemoryPack, null, static (w, v) => TaskMessages.WritePush(w, v), variables, NamespaceCodec.SizeHint(variables));
        return Completion(parts, single, cancellationToken);
    }

    public AsyncResult Execute(IReadOnlyList<int> targets, string code, bool single, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var parts = tasks.SendToEach(targets, Decoders<Unit>.MemoryPack, null, static (w, c) => TaskMessages.WriteExecute(w, c), code, code.Length * 3);
        return Completion(parts, single, cancellationToken);
    }

    public AsyncResult<T[]> Pull<T>(IReadOnlyList<int> targets, string name, Func<string, ReadOnlySequence<byte>, T> decode, CancellationToken cancellationToken)
    {
        var parts = PullParts(targets, name, decode);
        return tasks.Watch(new AsyncResult<T[]>(tasks, parts, TaskSubmitter.Gather(parts)), cancellationToken);
    }

    public AsyncResult<T> PullOne<T>(int engine, string name, Func<string, ReadOnlySequence<byte>, T> decode, CancellationToken cancellationToken)
    {
        var parts = PullParts([engine], name, decode);
        return tasks.Watch(new AsyncResult<T>(tasks, parts, parts[0].Task), cancellationToken);
    }

    /// <summary>Gives each engine a contiguous, balanced chunk of <paramref name="items"/> as a <c>T[]</c>.</summary>
    public AsyncResult Scatter<T>(IReadOnlyList<int> targets, string name, IEnumerable<T> items, CancellationToken cancellationToken)
    {
        NamespaceCodec.ValidateName(name);
        ArgumentNullException.ThrowIfNull(items);
        var all = items as T[] ?? items.ToArray();
        var parts = Partition.Contiguous(all.Length, targets.Count)
            .Select(p => tasks.Send(
                TaskTarget.Engine(targets[p.Part]), Decoders<Unit>.MemoryPack, null,
                static (w, s) => TaskMessages.WritePushSlice(w, s.name, s.slice), (name, slice: new ArraySegment<T>(all, p.Start, p.Length)),
                NamespaceCodec.SizeHint<T>(p.Length) + name.Length * 3))
            .ToArray();
        return Completion(parts, single: false, cancellationToken);
    }

    /// <summary>Concatenates, in engine order, the <c>T[]</c> each engine holds under <paramref name="name"/>.</summary>
    public AsyncResult<T[]> Gather<T>(IReadOnlyList<int> targets, string name, CancellationToken cancellationToken)
    {
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            // Unmanaged elements: keep each engine's raw bytes in a pooled buffer and copy them once into the result.
            var raw = Pull(targets, name, static (typeName, bytes) => NamespaceCodec.RawChunk.Read<T>(typeName, bytes), cancellationToken);
            return new AsyncResult<T[]>(tasks, raw.Parts, NamespaceCodec.ConcatRawAsync<T>(raw.Task));
        }

        var pulled = Pull(targets, name, static (typeName, bytes) => NamespaceCodec.DecodeTyped<T[]>(typeName, bytes) ?? [], cancellationToken);
        return new AsyncResult<T[]>(tasks, pulled.Parts, NamespaceCodec.ConcatAsync(pulled.Task));
    }

    private PendingTask<T>[] PullParts<T>(IReadOnlyList<int> targets, string name, Func<string, ReadOnlySequence<byte>, T> decode)
    {
        NamespaceCodec.ValidateName(name);
        return tasks.SendToEach(targets, payload => TaskMessages.ReadPull(payload, decode), null, static (w, n) => TaskMessages.WritePull(w, n), name, 16 + (name.Length * 3));
    }

    private AsyncResult Completion(PendingTask<Unit>[] parts, bool single, CancellationToken cancellationToken) =>
        tasks.Watch(new AsyncResult(tasks, parts, single ? parts[0].Task : TaskSubmitter.Gather(parts)), cancellationToken);
}
