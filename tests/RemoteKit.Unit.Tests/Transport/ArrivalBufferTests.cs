using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Engine;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

// Not ".Transport": that would hide RemoteKit.Transport from tests that name it so (HubTests).
namespace RemoteKit.Unit.Tests.TransportTests;

/// <summary>
/// A large pushed value stays in the buffer its frame arrived in: no copy on the engine, the namespace owns the buffer until
/// the variable is overwritten, and a small value never pins a large buffer. Shared buffers go back to the pool once.
/// </summary>
public sealed class ArrivalBufferTests : IAsyncLifetime
{
    private readonly FakeChannel _channel = new("controller");
    private readonly EngineSession _session;
    private Task _running = Task.CompletedTask;

    public ArrivalBufferTests() => _session = new EngineSession(_channel, NullLogger.Instance);

    public Task InitializeAsync()
    {
        _running = _session.RunAsync(CancellationToken.None);
        _channel.Deliver(Message.ToFrame(new EngineWelcomeMessage(0, 1)), _session.OnFrame);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _session.Complete();
        await _running.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task ALargePushedValueIsKeptInItsFrameUntilOverwrittenAndPullsBackIntact()
    {
        var value = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(value);
        await PushAsync(1, "big", value, large: true);
        var arrived = _channel.LastDelivered;

        Assert.True(_session.Namespace.TryGetEntry("big", out var entry));
        Assert.True(MemoryMarshal.TryGetArray(entry.Bytes, out var kept));
        Assert.Same(arrived, kept.Array);
        Assert.Equal(value, await PullAsync(2, "big"));

        // Overwritten by a small value: that one is copied out of its frame, and the pulled bytes are the new ones.
        await PushAsync(3, "big", [7], large: true);
        Assert.True(_session.Namespace.TryGetEntry("big", out entry));
        Assert.True(MemoryMarshal.TryGetArray(entry.Bytes, out kept));
        Assert.NotSame(_channel.LastDelivered, kept.Array);
        Assert.Equal([7], await PullAsync(4, "big"));
    }

    [Fact]
    public async Task AValueReadAsATypeLetsGoOfTheFrame()
    {
        var array = Enumerable.Range(0, 300_000).Select(i => (double)i).ToArray();
        await PushAsync(1, "a", MemoryPack.MemoryPackSerializer.Serialize(array), large: true, typeName: TypeNames.Of(typeof(double[])));

        Assert.Equal(array, _session.Namespace.Get<double[]>("a"));
        Assert.True(_session.Namespace.TryGetEntry("a", out var entry));
        Assert.False(entry.IsSerialized);
    }

    [Fact]
    public void ASharedBufferGoesBackToItsPoolWhenTheLastOwnerLetsGo()
    {
        // An odd size no other test rents: only this buffer can fill that slot of the shared pool.
        const int length = (7 * 1024 * 1024) + (3 * 64 * 1024);
        var array = LargeBufferPool.Shared.Rent(length);
        var shared = new SharedBuffer(array);
        var second = shared.Share();

        shared.Release();
        Assert.False(LargeBufferPool.Shared.TryRentPooled(array.Length, out _));

        second.Release();
        Assert.True(LargeBufferPool.Shared.TryRentPooled(array.Length, out var back));
        Assert.Same(array, back);
        PooledBuffers.Return(back);
    }

    private async Task PushAsync(ulong taskId, string name, byte[] value, bool large, string typeName = "Some.Type")
    {
        var body = Body(w =>
        {
            PushTask.WriteHeader(w, 1);
            PushTask.WriteEntry(w, name, typeName, value, static (w, v) => w.Write(v));
        });
        _channel.Deliver(FrameOf(new DispatchMessage(taskId), body), _session.OnFrame, large);
        var (id, result) = await ResultAsync();
        Assert.Equal((taskId, ResultStatus.Ok), (id, result.Header.Status));
    }

    private async Task<byte[]> PullAsync(ulong taskId, string name)
    {
        _channel.Deliver(FrameOf(new DispatchMessage(taskId), Body(w => new PullTask([name]).Write(w))), _session.OnFrame);
        var (id, result) = await ResultAsync();
        Assert.Equal((taskId, ResultStatus.Ok), (id, result.Header.Status));
        var r = new WireReader(result.Payload);
        Assert.Equal(1, PullReply.ReadCount(ref r));
        return PullReply.ReadEntry(ref r).Value.ToArray();
    }

    private async Task<(ulong TaskId, ResultBody Body)> ResultAsync()
    {
        var frame = await _channel.NextAsync();
        Assert.Equal(MessageKind.EngineResult, frame.Kind);
        var r = frame.Reader();
        return (EngineResultMessage.Read(ref r).TaskId, ResultBody.Read(ref r));
    }
}
