using System.Buffers;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Protocol;

/// <summary>
/// Golden bytes of what the controller hears of one-hop tasks besides their outcomes: an engine's count of the one-hop tasks
/// it holds, and a client's report of the one-hop tasks it failed when their engine was lost.
/// </summary>
public class OneHopReportsLayoutTests
{
    [Fact]
    public void A_backlog_report_is_the_count_of_one_hop_tasks_the_engine_holds()
    {
        var bytes = Hex("05000000 43 03000000");
        Assert.Equal(bytes, Of(Message.ToFrame(new DirectBacklogMessage(3))));
        var r = Reader(bytes[5..]);
        Assert.Equal(3, DirectBacklogMessage.Read(ref r).Count);
        r.ExpectEnd();

        r = Reader(Hex("FFFFFFFF"));
        try
        {
            DirectBacklogMessage.Read(ref r);
            Assert.Fail("A negative count was read.");
        }
        catch (ProtocolViolationException e)
        {
            Assert.Contains("-1", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_loss_report_names_the_engine_the_reason_and_each_task_with_its_error_kind_method_and_size()
    {
        DirectLostTask[] tasks =
        [
            new(0x1001, 7, 0x20, ErrorKind.EngineLost, TaskKind.Call, 0x42, 0x30),
            new(0x1002, 8, 0x21, ErrorKind.Aborted, TaskKind.Execute, 0, 0x10),
        ];
        var bytes = Hex(
            "65000000 0E 02000000 04000000 676F6E65 02000000" +
            " 0110000000000000 0700000000000000 2000000000000000 02 01 4200000000000000 3000000000000000" +
            " 0210000000000000 0800000000000000 2100000000000000 01 05 0000000000000000 1000000000000000");
        Assert.Equal(bytes, Of(Message.ToFrame(new DirectLostMessage(2, "gone", tasks))));
        var r = Reader(bytes[5..]);
        var read = DirectLostMessage.Read(ref r);
        r.ExpectEnd();
        Assert.Equal((2, "gone"), (read.EngineId, read.Reason));
        Assert.Equal(tasks, read.Tasks);
        Assert.Equal("Engine 2 was lost before the task finished (gone).", DirectLostMessage.LostError(2, "gone"));
    }

    private static WireReader Reader(byte[] bytes) => new(new ReadOnlySequence<byte>(bytes));
}
