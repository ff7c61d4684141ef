using System.Buffers;
using MemoryPack;

namespace RemoteKit;

/// <summary>The caller's side of a method's progress: decodes a reported value and hands it to the caller's <see cref="IProgress{T}"/>.</summary>
internal interface IProgressReceiver
{
    /// <summary>Decodes <paramref name="value"/> and reports it.</summary>
    void Report(in ReadOnlySequence<byte> value);
}

/// <summary>Reports values of the method's progress type <paramref name="reported"/> to an <see cref="IProgress{T}"/> of a type they convert to.</summary>
/// <typeparam name="TProgress">What the caller's progress receives.</typeparam>
internal sealed class ProgressReceiver<TProgress>(IProgress<TProgress> target, Type reported) : IProgressReceiver
{
    public void Report(in ReadOnlySequence<byte> value) =>
        target.Report(reported == typeof(TProgress)
            ? MemoryPackSerializer.Deserialize<TProgress>(value)!
            : (TProgress)MemoryPackSerializer.Deserialize(reported, value)!);
}
