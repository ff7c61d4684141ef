using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Buffers;
using RemoteKit.Engine;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

// Not ".Transport": that would hide RemoteKit.Transport from tests that name it so (HubTests).
namespace RemoteKit.Unit.Tests.TransportTests;

/// <summary>
/// A large pushed value stays in the buffer its frame arrived in: no copy on the engine, the namespace owns the buffer until
/// the variable is overwritten, and a small value never pins a large buffer. Shared buffers go back to the pool once.
/// </summary>
public sealed class ArrivalBufferTests
{
    private readonly FakeChannel _channel = new("controller");

    [Fact]
    public async Task A_large_pushed_value_is_kept_in_its_frame_until_overwritten_and_pulls_back_intact()
    {
        await using var engine = Engine();
        var value = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(value);
        await PushAsync(engine.Session, 1, "big", value, large: true);
        var arrived = _channel.LastDelivered;

        Assert.True(engine.Session.Namespace.TryGetEntry("big", out var entry));
        Assert.True(MemoryMarshal.TryGetArray(entry.Bytes, out var kept));
        Assert.Same(arrived, kept.Array);
        Assert.Equal(value, await PullAsync(engine.Session, 2, "big"));

        // Overwritten by a small value: that one is copied out of its frame, and the pulled bytes are the new ones.
        await PushAsync(engine.Session, 3, "big", [7], large: true);
        Assert.True(engine.Session.Namespace.TryGetEntry("big", out entry));
        Assert.True(MemoryMarshal.TryGetArray(entry.Bytes, out kept));
        Assert.NotSame(_channel.LastDelivered, kept.Array);
        Assert.Equal([7], await PullAsync(engine.Session, 4, "big"));
    }

    [Fact]
    public async Task A_value_read_as_a_type_lets_go_of_the_frame()
    {
        await using var engine = Engine();
        var array = Enumerable.Range(0, 300_000).Select(i => (double)i).ToArray();
        await PushAsync(engine.Session, 1, "a", MemoryPack.MemoryPackSerializer.Serialize(array), large: true, typeName: TypeNames.Of(typeof(double[])));

        Assert.Equal(array, engine.Session.Namespace.Get<double[]>("a"));
        Assert.True(engine.Session.Namespace.TryGetEntry("a", out var entry));
        Assert.False(entry.IsSerialized);
    }

    [Fact]
    public void A_SharedBuffer_goes_back_to_its_pool_when_the_last_owner_lets_go()
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

    private async Task PushAsync(EngineSession session, ulong taskId, string name, byte[] value, bool large, string typeName = "Some.Type")
    {
        var body = Body(w =>
        {
            PushTask.WriteHeader(w, 1);
            PushTask.WriteEntry(w, name, typeName, value, static (w, v) => w.Write(v));
        });
        _channel.Deliver(FrameOf(new DispatchMessage(taskId), body), session.OnFrame, large);
        var (id, result) = await ResultAsync();
        Assert.Equal((taskId, ResultStatus.Ok), (id, result.Header.Status));
    }

    private async Task<byte[]> PullAsync(EngineSession session, ulong taskId, string name)
    {
        _channel.Deliver(FrameOf(new DispatchMessage(taskId), Body(w => new PullTask([name]).Write(w))), session.OnFrame);
        var (id, result) = await ResultAsync();
        Assert.Equal((taskId, ResultStatus.Ok), (id, result.Header.Status));
        var r = new WireReader(result.Payload);
        Assert.Equal(1, PullReply.ReadCount(ref r));
        return PullReply.ReadEntry(ref r).Value.ToArray();
    }

    private async Task<(ulong TaskId, ResultBody Body)> ResultAsync()
    {
        var sent = await _channel.NextAsync();
        Assert.Equal(MessageKind.EngineResult, sent.Kind);
        var reader = sent.Reader();
        var taskId = EngineResultMessage.Read(ref reader).TaskId;
        return (taskId, ResultBody.Read(ref reader));
    }

    /// <summary>A welcomed engine session running its task loop over the fake channel, until disposed.</summary>
    private RunningEngine Engine()
    {
        var session = new EngineSession(_channel, NullLogger.Instance);
        var loop = session.RunAsync(CancellationToken.None);
        _channel.Deliver(Message.ToFrame(new EngineWelcomeMessage(0, 1, new byte[EngineWelcomeMessage.TokenLength], 0)), session.OnFrame);
        return new RunningEngine(session, loop);
    }

    private sealed record RunningEngine(EngineSession Session, Task Loop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Session.Complete();
            await Loop.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }
}
