using System.Buffers;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

// Not ".Transport": that would hide RemoteKit.Transport from tests that name it so (HubTests).
namespace RemoteKit.Unit.Tests.TransportTests;

/// <summary>
/// The direct path's wire bytes, pinned, and its inbox: data and the task that claims it meet in either order, a closed
/// peer fails its waiting tasks at once, and data nobody claims is let go.
/// </summary>
public sealed class DirectWireTests
{
    private static readonly Guid Client = new("00112233-4455-6677-8899-aabbccddeeff");
    private static readonly Guid Token = new("0f0e0d0c-0b0a-0908-0706-050403020100");

    [Fact]
    public void Direct_messages_and_task_bodies_have_stable_bytes()
    {
        var client = "33221100 5544 7766 8899AABBCCDDEEFF";
        var token = "0C0D0E0F 0A0B 0809 0706050403020100";
        Assert.Equal(Hex($"11000000 64 {client}"), Of(Message.ToFrame(new DirectHelloMessage(Client))));
        Assert.Equal(Hex($"11000000 65 {token}"), Of(Message.ToFrame(new DirectDataMessage(Token))));

        Assert.Equal(Hex("14"), Body(DirectEndpointTask.Write));
        Assert.Equal(Hex("03000000 683A78 D2040000 FFFFFFFF"), Body(w => new DirectEndpointReply("h:x", 1234).Write(w)));
        Assert.Equal(Hex("FFFFFFFF 00000000 FFFFFFFF"), Body(w => new DirectEndpointReply(null, 0).Write(w)));
        Assert.Equal(Hex("01000000 68 D2040000 02000000 4142"), Body(w => new DirectEndpointReply("h", 1234, "AB").Write(w)));
        Assert.Equal(
            Hex($"15 01000000 61 01000000 54 {client} {token} 0001000000000000"),
            Body(w => new DirectPushTask("a", "T", Client, Token, 256).Write(w)));
        Assert.Equal(Hex($"16 01000000 61 {client} {token}"), Body(w => new DirectPullTask("a", Client, Token).Write(w)));
        Assert.Equal(Hex("01000000 54 01 0001000000000000"), Body(w => DirectPullReply.WriteDirect(w, "T", 256)));
        Assert.Equal(Hex("01000000 54 00 0000000000000000 02000000 0A0B"), Body(w => DirectPullReply.WriteInline(w, "T", Hex("0A0B"), static (w, v) => w.Write(v))));

        var reader = new WireReader(new ReadOnlySequence<byte>(Body(w => new DirectPushTask("a", "T", Client, Token, 256).Write(w))));
        Assert.Equal(TaskKind.DirectPush, TaskBody.ReadKind(ref reader));
        Assert.Equal(new DirectPushTask("a", "T", Client, Token, 256), DirectPushTask.Read(ref reader));
        reader.ExpectEnd();
    }

    [Fact]
    public async Task Data_and_its_task_meet_in_either_order()
    {
        var inbox = new DirectInbox();
        var channel = new FakeChannel();
        var peer = Guid.NewGuid();

        inbox.Deliver(channel, peer, Token, new ReadOnlySequence<byte>(Hex("0102")));
        var early = await inbox.WaitAsync(peer, Token, TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.Equal(Hex("0102"), early.Bytes.ToArray());
        early.Owner.Release();

        var waiting = inbox.WaitAsync(peer, Client, TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        inbox.Deliver(channel, peer, Client, new ReadOnlySequence<byte>(Hex("03")));
        var late = await waiting;
        Assert.Equal(Hex("03"), late.Bytes.ToArray());
        late.Owner.Release();
    }

    [Fact]
    public async Task A_closed_peer_fails_its_waiting_tasks_and_later_ones_until_it_reconnects()
    {
        var inbox = new DirectInbox();
        var peer = Guid.NewGuid();
        var waiting = inbox.WaitAsync(peer, Token, TimeSpan.FromSeconds(60), CancellationToken.None);

        inbox.PeerClosed(peer, "frame over the limit");
        var error = await Assert.ThrowsAsync<IOException>(() => waiting);
        Assert.Contains("frame over the limit", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<IOException>(() => inbox.WaitAsync(peer, Client, TimeSpan.FromSeconds(60), CancellationToken.None));

        inbox.PeerOpened(peer);
        var again = inbox.WaitAsync(peer, Client, TimeSpan.FromSeconds(60), CancellationToken.None);
        inbox.Deliver(new FakeChannel(), peer, Client, new ReadOnlySequence<byte>(Hex("05")));
        (await again).Owner.Release();
    }

    [Fact]
    public async Task An_engine_remembers_only_the_latest_closed_peers_so_its_record_stays_bounded()
    {
        var inbox = new DirectInbox();
        var peers = Enumerable.Range(0, DirectInbox.RememberedClosedPeers + 500).Select(_ => Guid.NewGuid()).ToList();
        var reconnecting = Guid.NewGuid();
        foreach (var peer in peers)
        {
            inbox.PeerClosed(peer, "client disconnected");

            // One client reconnects and drops again and again: it is remembered once, not once per time.
            inbox.PeerOpened(reconnecting);
            inbox.PeerClosed(reconnecting, "client disconnected");
        }

        Assert.InRange(inbox.ClosedPeers, 1, DirectInbox.RememberedClosedPeers);

        // The latest closed peers still fail a task at once; the oldest are forgotten (a task naming one waits its timeout).
        await Assert.ThrowsAsync<IOException>(() => inbox.WaitAsync(peers[^1], Token, TimeSpan.FromSeconds(60), CancellationToken.None));
        await Assert.ThrowsAsync<IOException>(() => inbox.WaitAsync(reconnecting, Token, TimeSpan.FromSeconds(60), CancellationToken.None));
        await Assert.ThrowsAsync<TimeoutException>(() => inbox.WaitAsync(peers[0], Token, TimeSpan.FromMilliseconds(1), CancellationToken.None));
    }

    [Fact]
    public async Task A_wait_that_times_out_says_so_and_unclaimed_data_is_let_go()
    {
        var inbox = new DirectInbox(TimeSpan.FromMilliseconds(50));
        var peer = Guid.NewGuid();
        var error = await Assert.ThrowsAsync<TimeoutException>(() => inbox.WaitAsync(peer, Token, TimeSpan.FromMilliseconds(1), CancellationToken.None));
        Assert.Contains("did not arrive", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, inbox.Pending);

        // Data for that token came too late: nobody claims it, and it is dropped once it has waited UnclaimedFor.
        inbox.Deliver(new FakeChannel(), peer, Token, new ReadOnlySequence<byte>(Hex("01")));
        Assert.Equal(1, inbox.Pending);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (inbox.Pending > 0)
        {
            await Task.Yield();
            patience.Token.ThrowIfCancellationRequested();
        }

        await Assert.ThrowsAsync<TimeoutException>(() => inbox.WaitAsync(peer, Token, TimeSpan.FromMilliseconds(1), CancellationToken.None));
    }
}
