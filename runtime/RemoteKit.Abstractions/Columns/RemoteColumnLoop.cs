using System.ComponentModel;
using System.Runtime.InteropServices;

namespace RemoteKit;

/// <summary>
/// Runs a map chunk of one [Remote] method sent as columns: one call per item, from the argument columns into the result
/// column. Made by <see cref="RemoteColumns"/> for generated code; engines run it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class RemoteColumnLoop
{
    private protected RemoteColumnLoop(int arity, int resultBytes)
    {
        Arity = arity;
        ResultBytes = resultBytes;
    }

    /// <summary>How many argument columns a chunk has.</summary>
    internal int Arity { get; }

    /// <summary>The size of one result.</summary>
    internal int ResultBytes { get; }

    /// <summary>Runs every item of <paramref name="chunk"/>; an item that throws fails alone, its result left at the default.</summary>
    internal abstract void Run(ref ColumnChunk chunk);
}

/// <summary>
/// One chunk being run by a <see cref="RemoteColumnLoop"/>: its argument columns (raw bytes in the task body), its result
/// column (raw bytes in the reply frame), the items that failed, and the task's cancellation.
/// </summary>
internal ref struct ColumnChunk
{
    private readonly ReadOnlyMemory<byte>[] _arguments;
    private readonly Span<byte> _results;
    private readonly int _count;

    public ColumnChunk(ReadOnlyMemory<byte>[] arguments, int count, Span<byte> results, CancellationToken cancellationToken)
    {
        _arguments = arguments;
        _count = count;
        _results = results;
        CancellationToken = cancellationToken;
    }

    public CancellationToken CancellationToken { get; }

    /// <summary>The items that threw, in index order; <see langword="null"/> when none did.</summary>
    public List<(int Index, Exception Error)>? Failures { get; private set; }

    /// <summary>Argument column <paramref name="index"/>, refused unless it holds exactly one value per item.</summary>
    public readonly ReadOnlySpan<T> Argument<T>(int index)
        where T : unmanaged
    {
        var bytes = _arguments[index].Span;
        return bytes.Length == _count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()
            ? MemoryMarshal.Cast<byte, T>(bytes)
            : throw new ProtocolViolationException($"Column {index} holds {bytes.Length} bytes for {_count} values of {typeof(T).Name}.");
    }

    public readonly Span<T> Results<T>()
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(_results);

    /// <summary>Whether an item's exception fails that item alone: anything but the task's own cancellation.</summary>
    public readonly bool Catches(Exception e) => e is not OperationCanceledException || !CancellationToken.IsCancellationRequested;

    public void Fail(int index, Exception error) => (Failures ??= []).Add((index, error));
}
