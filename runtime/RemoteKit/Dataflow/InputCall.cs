using System.Buffers;
using System.Runtime.InteropServices;
using MemoryPack;

namespace RemoteKit;

/// <summary>
/// A call whose arguments were given as <see cref="RemoteArg{T}"/>s, some of them other tasks' results. It writes the plain
/// arguments itself, leaves a gap (and notes its offset) for each kept value, and copies the arguments the generated
/// factory filled in with defaults from the call that factory made.
/// </summary>
internal sealed class InputCall<TResult> : RemoteCall<TResult>, IFlowCall
{
    private readonly RemoteCall _made;
    private readonly IRemoteArgument[] _arguments;

    private InputCall(RemoteCall made, IRemoteArgument[] arguments)
        : base(made.Method)
    {
        _made = made;
        _arguments = arguments;
    }

    /// <summary>The kept values this call takes, with the offset of each within the arguments, after <see cref="WriteArguments"/>.</summary>
    public List<(int Offset, RemoteRef Kept)> Inputs { get; } = [];

    public IEnumerable<RemoteRef> Kept => _arguments.Select(a => a.Input).OfType<RemoteRef>();

    /// <summary>The task results (<see cref="AsyncResult"/>) the call waits for before it can be sent.</summary>
    public IEnumerable<AsyncResult> Pending => _arguments.Select(a => a.Input).OfType<AsyncResult>();

    /// <summary>
    /// <paramref name="made"/>, made by the method's factory from the arguments' placeholders, as a call of those arguments;
    /// the same call when none of them is a task's result.
    /// </summary>
    public static RemoteCall<TResult> Bind(RemoteCall<TResult> made, IRemoteArgument[] arguments)
    {
        ArgumentNullException.ThrowIfNull(made);
        return arguments.All(a => a.Input is null) ? made : new InputCall<TResult>(made, arguments);
    }

    /// <summary>A call of a method without a result (<paramref name="made"/>), taking <paramref name="arguments"/>.</summary>
    public static RemoteCall Bind(RemoteCall made, IRemoteArgument[] arguments)
    {
        ArgumentNullException.ThrowIfNull(made);
        return new InputCall<TResult>(made, arguments);
    }

    /// <summary>This call with the completed task results it waited for written in as values.</summary>
    public RemoteCall WithResults() =>
        new InputCall<TResult>(_made, Array.ConvertAll(_arguments, a => a.Input is AsyncResult result ? a.WithValueOf(result) : a));

    public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
    {
        // The factory's own bytes hold what the caller left to defaults, after the placeholders of what it gave.
        var made = MadeArguments();
        var given = 0;
        foreach (var argument in _arguments)
        {
            given += argument.PlaceholderLength;
        }

        Inputs.Clear();
        var start = writer.WrittenCount;
        foreach (var argument in _arguments)
        {
            switch (argument.Input)
            {
                case RemoteRef kept:
                    Inputs.Add((writer.WrittenCount - start, kept));
                    break;
                case AsyncResult:
                    throw new InvalidOperationException("A call that waits for a task's result was sent before the result arrived.");
                default:
                    argument.Write(ref writer);
                    break;
            }
        }

        var rest = made.AsSpan(given);
        if (!rest.IsEmpty)
        {
            rest.CopyTo(MemoryMarshal.CreateSpan(ref writer.GetSpanReference(rest.Length), rest.Length));
            writer.Advance(rest.Length);
        }
    }

    /// <summary>The arguments of the call the factory made, as a task would carry them.</summary>
    private byte[] MadeArguments()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var state = MemoryPackWriterOptionalStatePool.Rent(null);
        var writer = new MemoryPackWriter<ArrayBufferWriter<byte>>(ref buffer, state);
        _made.WriteArguments(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>A call that takes other tasks' results (<see cref="InputCall{TResult}"/>), whatever its result type.</summary>
internal interface IFlowCall
{
    /// <summary>The kept values it takes, with their offsets in its arguments, once written.</summary>
    List<(int Offset, RemoteRef Kept)> Inputs { get; }

    /// <summary>The task results it waits for before it can be sent.</summary>
    IEnumerable<AsyncResult> Pending { get; }

    /// <summary>The kept values it takes.</summary>
    IEnumerable<RemoteRef> Kept { get; }

    /// <summary>The call with its awaited results (all completed successfully) written in as values.</summary>
    RemoteCall WithResults();
}
