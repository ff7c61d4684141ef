using System.Buffers;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Protocol;

/// <summary>
/// Golden bytes of leases for load-balanced tasks sent in one hop: the request, the grant, the revoke and the return, and a
/// balanced Submit frame turned into a DirectTask for the leased engine in place.
/// </summary>
public class LeaseLayoutTests
{
    [Fact]
    public void A_lease_request_says_how_many_tasks_wait_and_on_which_engines_if_not_any()
    {
        var bytes = Hex("09000000 0C 05000000 00000000");
        Assert.Equal(bytes, Of(Message.ToFrame(new LeaseRequestMessage(5))));
        var r = Reader(bytes[5..]);
        Assert.Equal((5, null), (LeaseRequestMessage.Read(ref r) is var any ? (any.Waiting, any.Engines) : default));

        var subset = Hex("11000000 0C 01000000 02000000 00000000 02000000");
        Assert.Equal(subset, Of(Message.ToFrame(new LeaseRequestMessage(1, [0, 2]))));
        r = Reader(subset[5..]);
        Assert.Equal([0, 2], LeaseRequestMessage.Read(ref r).Engines);
    }

    [Fact]
    public void A_grant_lists_lease_ids_engines_and_slots_and_may_be_empty()
    {
        var bytes = Hex("25000000 1C 02000000 1100000000000000 01000000 10000000 1200000000000000 00000000 08000000");
        Assert.Equal(bytes, Of(Message.ToFrame(new LeaseGrantMessage([new LeaseSlots(0x11, 1, 16), new LeaseSlots(0x12, 0, 8)]))));
        var r = Reader(bytes[5..]);
        Assert.Equal([new LeaseSlots(0x11, 1, 16), new LeaseSlots(0x12, 0, 8)], LeaseGrantMessage.Read(ref r).Leases);

        var empty = Hex("05000000 1C 00000000");
        Assert.Equal(empty, Of(Message.ToFrame(new LeaseGrantMessage([]))));
        r = Reader(empty[5..]);
        Assert.Empty(LeaseGrantMessage.Read(ref r).Leases);
    }

    [Fact]
    public void A_revoke_and_a_return_name_the_lease()
    {
        var revoke = Hex("09000000 1D 1100000000000000");
        Assert.Equal(revoke, Of(Message.ToFrame(new LeaseRevokeMessage(0x11))));
        var r = Reader(revoke[5..]);
        Assert.Equal(0x11UL, LeaseRevokeMessage.Read(ref r).LeaseId);

        var returned = Hex("09000000 0D 1100000000000000");
        Assert.Equal(returned, Of(Message.ToFrame(new LeaseReturnMessage(0x11))));
        r = Reader(returned[5..]);
        Assert.Equal(0x11UL, LeaseReturnMessage.Read(ref r).LeaseId);
    }

    [Fact]
    public void A_balanced_submit_frame_becomes_a_direct_task_for_the_leased_engine_in_place()
    {
        var frame = FrameOf(new SubmitMessage(7, -1), Hex("05"));
        var bytes = frame.Memory.ToArray();
        frame.Return();
        Assert.Equal(Hex("17000000 01 0700000000000000 FFFFFFFF 00000000 00000000 00 05"), bytes);

        DirectTaskMessage.RewriteSubmit(bytes, 0x1001, 2);
        Assert.Equal(Hex("17000000 66 0700000000000000 02000000 0110000000000000 00 05"), bytes);
        var r = Reader(bytes[5..]);
        Assert.Equal(new DirectTaskMessage(7, 2, 0x1001), DirectTaskMessage.Read(ref r));
    }

    private static WireReader Reader(byte[] bytes) => new(new ReadOnlySequence<byte>(bytes));
}
