using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Protocol;

/// <summary>Golden bytes of the dataflow layouts: flow task bodies, kept values and their transfers.</summary>
public class FlowLayoutTests
{
    private static WireReader Reader(byte[] bytes) => new(new ReadOnlySequence<byte>(bytes));

    [Fact]
    public void Flow_task_from_the_client_and_as_the_engine_gets_it()
    {
        var call = Hex("01 0100000000000000") .Concat(new byte[CodeBundle.HashLength]).Concat(Hex("07000000")).ToArray();
        var flow = new FlowTask(
            FlowFlags.Keep, DependencyRule.Failure, LocalityRule.Ignore, 1500, [new FlowDependency(3, DependencyKind.After), new FlowDependency(4, DependencyKind.Follow)], [new FlowInput(41, 9)]);
        var written = Body(w =>
        {
            flow.Write(w);
            w.Write(call);
        });
        var header = Hex("09 01 01 01 DC050000 02000000 0300000000000000 01 0400000000000000 02 01000000 29000000 0900000000000000");
        Assert.Equal(header.Concat(call), written);
        var r = new WireReader(new ReadOnlySequence<byte>(written));
        Assert.Equal(TaskKind.Flow, TaskBody.ReadKind(ref r));
        var read = FlowTask.Read(ref r);
        Assert.Equal((flow.Flags, flow.Rule, flow.Locality, flow.DependencyTimeoutMilliseconds), (read.Flags, read.Rule, read.Locality, read.DependencyTimeoutMilliseconds));
        Assert.Equal(flow.Dependencies, read.Dependencies);
        Assert.Equal(flow.Inputs, read.Inputs);
        Assert.Equal(call, r.Rest.ToArray());

        var dispatch = Body(w =>
        {
            new FlowDispatch(FlowFlags.Keep, [new FlowDispatchInput(41, 9, 2, 800)]).Write(w);
            w.Write(call);
        });
        Assert.Equal(Hex("09 01 01000000 29000000 0900000000000000 02000000 2003000000000000").Concat(call), dispatch);
    }

    [Fact]
    public void Flow_tasks_that_are_not_calls_or_put_inputs_outside_the_call_are_refused()
    {
        var bad = Body(w =>
        {
            new FlowTask(FlowFlags.None, DependencyRule.Success, LocalityRule.Prefer, 0, [], [new FlowInput(500, 1)]).Write(w);
            w.Write(Hex("01 0100000000000000"));
        });
        Assert.Throws<ProtocolViolationException>(() =>
        {
            var r = new WireReader(new ReadOnlySequence<byte>(bad));
            TaskBody.ReadKind(ref r);
            FlowTask.Read(ref r);
        });
        var push = Body(w =>
        {
            new FlowTask(FlowFlags.None, DependencyRule.Success, LocalityRule.Prefer, 0, [], []).Write(w);
            w.Write(Hex("03 00000000"));
        });
        Assert.Throws<ProtocolViolationException>(() =>
        {
            var r = new WireReader(new ReadOnlySequence<byte>(push));
            TaskBody.ReadKind(ref r);
            FlowTask.Read(ref r);
        });
    }

    [Fact]
    public void Kept_values_their_transfers_and_freeing()
    {
        Assert.Equal(Hex("0900000000000000 0004000000000000"), Body(w => new KeptReply(9, 1024).Write(w)));
        Assert.Equal(Hex("0A 0900000000000000"), Body(w => new KeptGetTask(9).Write(w)));
        Assert.Equal(Hex("09000000 0A 0700000000000000"), Of(Message.ToFrame(new KeepMessage(7))));
        Assert.Equal(Hex("09000000 31 0700000000000000"), Of(Message.ToFrame(new KeepMessage(7, ToEngine: true))));
        Assert.Equal(Hex("0E000000 09 00 01000000 0900000000000000"), Of(Message.ToFrame(new FreeKeptMessage([9]))));
        Assert.Equal(Hex("06000000 30 01 00000000"), Of(Message.ToFrame(new FreeKeptMessage([], All: true, ToEngine: true))));

        var send = Hex("25000000 2F 0900000000000000 0500000000000000 08000000 31302E302E302E31 D2040000 FFFFFFFF");
        Assert.Equal(send, Of(Message.ToFrame(new SendKeptMessage(9, 5, "10.0.0.1", 1234, null))));
        var r = Reader(send[5..]);
        Assert.Equal(new SendKeptMessage(9, 5, "10.0.0.1", 1234, null), SendKeptMessage.Read(ref r));

        var endpoint = Hex("17000000 41 08000000 31302E302E302E31 D2040000 02000000 4142");
        Assert.Equal(endpoint, Of(Message.ToFrame(new EngineEndpointMessage("10.0.0.1", 1234, "AB"))));
        r = Reader(endpoint[5..]);
        Assert.Equal(new EngineEndpointMessage("10.0.0.1", 1234, "AB"), EngineEndpointMessage.Read(ref r));
        var chain = Hex("1E000000 32 0700000000000000 01 02000000 0300000000000000 0500000000000000");
        Assert.Equal(chain, Of(Message.ToFrame(new ChainMessage(7, DependencyRule.Failure, [3, 5]))));
        r = Reader(chain[5..]);
        var read = ChainMessage.Read(ref r);
        Assert.Equal((7UL, DependencyRule.Failure), (read.TaskId, read.Rule));
        Assert.Equal([3UL, 5UL], read.After);
        Assert.NotEqual(FlowTask.TransferToken(1, 2), FlowTask.TransferToken(2, 1));
        Assert.NotEqual(FlowTask.EnginePeer(0), FlowTask.EnginePeer(1));
    }
}
