using System.Buffers;
using System.Reflection;
using MemoryPack;

namespace RemoteKit.Generators.Tests;

/// <summary>
/// Drives generated code the way client and engine do: writes a call's arguments, builds a <see cref="RemoteInvocation"/>
/// over them, runs the invoker from the assembly's provider, and reads the result back. The contract's internal
/// constructors are the ones the engine uses (RemoteKit.Abstractions lends its internals to this project).
/// </summary>
internal sealed class InvocationHarness(Assembly assembly)
{
    public EngineNamespace Namespace { get; } = new();

    public IReadOnlyList<RemoteInvoker> Invokers { get; } = CreateProvider(assembly).CreateInvokers();

    public static IRemoteMethodProvider CreateProvider(Assembly assembly)
    {
        var attribute = assembly.GetCustomAttribute<RemoteMethodProviderAttribute>();
        Assert.NotNull(attribute);
        return (IRemoteMethodProvider)Activator.CreateInstance(attribute.ProviderType)!;
    }

    /// <summary>Calls the generated factory <c>{type}.Remote.{name}(args)</c>.</summary>
    public RemoteCall CreateCall(string typeName, string name, params object?[] args)
    {
        var remote = assembly.GetType(typeName + "+Remote", throwOnError: true)!;
        var factory = remote.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name == name && m.GetParameters().Length == args.Length &&
                m.GetParameters().Zip(args).All(pair => pair.Second is null || pair.First.ParameterType.IsInstanceOfType(pair.Second)));
        return (RemoteCall)factory.Invoke(null, args)!;
    }

    public static byte[] WriteArguments(RemoteCall call)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var state = MemoryPackWriterOptionalStatePool.Rent(null);
        var writer = new MemoryPackWriter<ArrayBufferWriter<byte>>(ref buffer, state);
        call.WriteArguments(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Runs <paramref name="call"/> through its invoker and returns the serialized result.</summary>
    public async Task<byte[]> InvokeAsync(RemoteCall call, int engineId = 0)
    {
        var invoker = Invokers.Single(i => i.Method.Id == call.Method.Id);
        var result = new ArrayBufferWriter<byte>();
        var context = new RemoteContext(engineId, 2, Namespace, CancellationToken.None);
        var invocation = new RemoteInvocation(new ReadOnlyMemory<byte>(WriteArguments(call)), context, result);
        await invoker.InvokeAsync(invocation);
        return result.WrittenSpan.ToArray();
    }

    public async Task<T?> InvokeAsync<T>(RemoteCall call, int engineId = 0) =>
        MemoryPackSerializer.Deserialize<T>(await InvokeAsync(call, engineId));
}
