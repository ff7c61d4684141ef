using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Protocol;

/// <summary>
/// Golden bytes: every frame layout is pinned to an exact byte array (prefix = little-endian length of kind and body, then
/// the kind), and read back. A change here is a wire-protocol change: both ends must change together.
/// </summary>
public class MessageLayoutTests
{
    private static readonly string H = Convert.ToHexString(HashA);

    [Fact]
    public void Submit()
    {
        // The header ends with the trace context field: one zero byte when the client traces nothing.
        Assert.Equal(Hex("16000000 01 0807060504030201 03000000 00000000 00000000 00"), Of(Message.ToFrame(new SubmitMessage(0x0102030405060708, 3))));
        Assert.Equal(Hex("16000000 01 0100000000000000 FFFFFFFF 02000000 E8030000 00"), Of(Message.ToFrame(new SubmitMessage(1, -1, Retries: 2, TimeoutMilliseconds: 1000))));
        var r = Reader(Hex("0807060504030201 03000000 02000000 E8030000 00 05"));
        Assert.Equal(new SubmitMessage(0x0102030405060708, 3, 2, 1000), SubmitMessage.Read(ref r));
        Assert.Equal(TaskKind.Execute, TaskBody.ReadKind(ref r));
    }

    [Fact]
    public void Heartbeat_and_reply()
    {
        var ping = Hex("09000000 2D E8030000 04000000");
        Assert.Equal(ping, Of(Message.ToFrame(new HeartbeatMessage(1000, 4))));
        var r = Reader(ping[5..]);
        Assert.Equal(new HeartbeatMessage(1000, 4), HeartbeatMessage.Read(ref r));
        var reply = Hex("0D000000 3E 39300000 0000000000100000");
        Assert.Equal(reply, Of(Message.ToFrame(new HeartbeatReplyMessage(12345, 1L << 44))));
        r = Reader(reply[5..]);
        Assert.Equal(new HeartbeatReplyMessage(12345, 1L << 44), HeartbeatReplyMessage.Read(ref r));
    }

    [Fact]
    public void Abort()
    {
        var bytes = Hex("15000000 02 02000000 0500000000000000 0600000000000000");
        Assert.Equal(bytes, Of(Message.ToFrame(new AbortMessage([5, 6]))));
        var r = Reader(bytes[5..]);
        Assert.Equal([5UL, 6UL], AbortMessage.Read(ref r).ClientTaskIds);
    }

    [Fact]
    public void Resubmit()
    {
        var bytes = Hex("11000000 08 0500000000000000 2A00000000000000");
        Assert.Equal(bytes, Of(Message.ToFrame(new ResubmitMessage(5, 42))));
        var r = Reader(bytes[5..]);
        Assert.Equal(new ResubmitMessage(5, 42), ResubmitMessage.Read(ref r));
    }

    [Fact]
    public void CodeQuery_and_reply()
    {
        var query = Hex("29000000 03 0700000000000000" + H);
        Assert.Equal(query, Of(Message.ToFrame(new CodeQueryMessage(7, HashA))));
        var r = Reader(query[5..]);
        var read = CodeQueryMessage.Read(ref r);
        Assert.Equal(7UL, read.RequestId);
        Assert.Equal(HashA, read.Hash);

        Assert.Equal(Hex("0A000000 16 0700000000000000 01"), Of(Message.ToFrame(new CodeQueryReplyMessage(7, true))));
        Assert.Equal(Hex("0A000000 16 0700000000000000 00"), Of(Message.ToFrame(new CodeQueryReplyMessage(7, false))));
        r = Reader(Hex("0700000000000000 01"));
        Assert.Equal(new CodeQueryReplyMessage(7, true), CodeQueryReplyMessage.Read(ref r));
    }

    [Fact]
    public void CodeBundle_wire_form()
    {
        var expected = BundleBytes();
        Assert.Equal(expected, Body(w => Bundle().Write(w)));
        var r = Reader(expected);
        var read = CodeBundle.Read(ref r);
        Assert.Equal(HashA, read.Hash);
        Assert.Equal("App", read.RootName);
        var assembly = Assert.Single(read.Assemblies);
        Assert.Equal("A", assembly.Name);
        Assert.Equal(HashC, assembly.Hash);
        Assert.Equal([1, 2], assembly.Bytes);
    }

    [Fact]
    public void CodeUpload()
    {
        var frame = Of(Message.ToFrame(new CodeUploadMessage(Bundle())));
        Assert.Equal(Concat(Hex("57000000 04"), BundleBytes()), frame);
        var reader = new WireReader(new ReadOnlySequence<byte>(frame[5..]));
        Assert.Equal(HashA, CodeBundle.Read(ref reader).Hash);
    }

    [Fact]
    public void CodeBundle_reply_carries_an_explicit_found_flag()
    {
        var bundle = BundleBytes();
        var found = Of(Message.ToFrame(CodeBundleMessage.Of(bundle)));
        Assert.Equal(Concat(Hex("58000000 2A 01"), bundle), found);
        var r = Reader(found[5..]);
        var header = CodeBundleMessage.ReadHeader(ref r);
        Assert.True(header.Found);
        Assert.Equal(HashA, header.Hash);
        Assert.Equal("App", CodeBundle.ReadAfterHash(HashA, ref r).RootName);

        var missing = Of(Message.ToFrame(CodeBundleMessage.NotFound(HashA)));
        Assert.Equal(Hex("22000000 2A 00" + H), missing);
        r = Reader(missing[5..]);
        var (isFound, hash) = CodeBundleMessage.ReadHeader(ref r);
        Assert.False(isFound);
        Assert.Equal(HashA, hash);
        r.ExpectEnd();
    }

    [Fact]
    public void ControlRequest_and_QueueStatusReply()
    {
        Assert.Equal(Hex("0A000000 05 0900000000000000 01"), Of(Message.ToFrame(new ControlRequestMessage(9, ControlOp.QueueStatus))));
        Assert.Equal(Hex("0A000000 05 0900000000000000 02"), Of(Message.ToFrame(new ControlRequestMessage(9, ControlOp.Shutdown))));
        var r = Reader(Hex("0900000000000000 02"));
        Assert.Equal(new ControlRequestMessage(9, ControlOp.Shutdown), ControlRequestMessage.Read(ref r));

        var frame = Message.Start(new ControlReplyMessage(9), 64);
        new QueueStatusReply(2, [new EngineQueueLine(0, 1, 1, 5, 4096, 3, 2)]).Write(frame);
        var bytes = Hex("35000000 17 0900000000000000 02000000 01000000 00000000 01000000 01000000 0500000000000000 0010000000000000 03000000 02000000");
        Assert.Equal(bytes, Of(frame.Finish()));
        r = Reader(bytes[5..]);
        Assert.Equal(9UL, ControlReplyMessage.Read(ref r).RequestId);
        var status = QueueStatusReply.Read(ref r);
        Assert.Equal(2, status.Unassigned);
        Assert.Equal(new EngineQueueLine(0, 1, 1, 5, 4096, 3, 2), Assert.Single(status.Engines));
        Assert.Equal(Hex("09000000 17 0900000000000000"), Of(Message.ToFrame(new ControlReplyMessage(9))));
    }

    [Fact]
    public void Result_with_output()
    {
        var frame = Message.Start(new ResultMessage(11), 64);
        var result = ResultBody.Begin(frame);
        frame.Write(Hex("AABB"));
        result.End(frame, ResultStatus.Ok, 2, 100, 200, new TaskOutputText("hi", null, StdoutDropped: 5));
        var bytes = Hex("3E000000 14 0B00000000000000 00 02000000 6400000000000000 C800000000000000 02000000 AABB 02000000 6869 FFFFFFFF 0500000000000000 0000000000000000");
        Assert.Equal(bytes, Of(frame.Finish()));

        var r = Reader(bytes[5..]);
        Assert.Equal(11UL, ResultMessage.Read(ref r).ClientTaskId);
        var body = ResultBody.Read(ref r);
        Assert.Equal(new ResultHeader(ResultStatus.Ok, 2, 100, 200, 2), body.Header);
        Assert.Equal(Hex("AABB"), body.Payload.ToArray());
        Assert.Equal(("hi", (string?)null, 5L, 0L), (body.Stdout, body.Stderr, body.StdoutDropped, body.StderrDropped));
        r.ExpectEnd();
    }

    [Fact]
    public void Error_result_replaces_what_the_payload_had_written()
    {
        var frame = Message.Start(new EngineResultMessage(14), 64);
        var result = ResultBody.Begin(frame);
        frame.Write(Hex("0102030405"));
        result.Fail(frame, new ErrorPayload(ErrorKind.Thrown, "T", "m", null));
        result.End(frame, ResultStatus.Error, 1, 3, 4, new TaskOutputText(null, "e"));
        var payload = Hex("00 01000000 54 01000000 6D FFFFFFFF");
        var bytes = Concat(Hex("4A000000 3C 0E00000000000000 01 01000000 0300000000000000 0400000000000000 0F000000"), payload, Hex("FFFFFFFF 01000000 65 0000000000000000 0000000000000000"));
        Assert.Equal(bytes, Of(frame.Finish()));

        var r = Reader(bytes[5..]);
        Assert.Equal(14UL, EngineResultMessage.Read(ref r).TaskId);
        var body = ResultBody.Read(ref r);
        Assert.Equal(ResultStatus.Error, body.Header.Status);
        var er = new WireReader(body.Payload);
        Assert.Equal(new ErrorPayload(ErrorKind.Thrown, "T", "m", null), ErrorPayload.Read(ref er));
    }

    [Fact]
    public void EngineSet()
    {
        var bytes = Hex("0D000000 15 02000000 00000000 02000000");
        Assert.Equal(bytes, Of(Message.ToFrame(new EngineSetMessage([0, 2]))));
        var r = Reader(bytes[5..]);
        Assert.Equal([0, 2], EngineSetMessage.Read(ref r).EngineIds);
    }

    [Fact]
    public void A_target_set_and_the_submit_target_that_names_it()
    {
        Assert.Throws<ProtocolViolationException>(() =>
        {
            var flags = Reader(Hex("00000000 00000000 09 00000000"));
            TargetSetMessage.Read(ref flags);
        });
        var bytes = Concat(Hex("1D000000 07 03000000 02000000 05000000 01000000 03 01000000"), Str("System.IO.IOException"));
        bytes[0] = (byte)(bytes.Length - 4);
        Assert.Equal(bytes, Of(Message.ToFrame(new TargetSetMessage(3, [5, 1], 3, ["System.IO.IOException"]))));
        var r = Reader(bytes[5..]);
        var set = TargetSetMessage.Read(ref r);
        Assert.Equal((3, (byte)3), (set.SetId, set.RetryOn));
        Assert.Equal([5, 1], set.EngineIds);
        Assert.Equal(["System.IO.IOException"], set.ExceptionTypes!);

        // Targets -2, -3, ... name sets 0, 1, ...; -1 is any engine, and engine ids are never negative.
        Assert.Equal((-5, 3, -1, -1), (SubmitMessage.TargetOfSet(3), SubmitMessage.SetOf(-5), SubmitMessage.SetOf(-1), SubmitMessage.SetOf(4)));
        Assert.Throws<ProtocolViolationException>(() =>
        {
            var bad = Reader(Hex("FFFFFFFF 00000000 01 00000000"));
            TargetSetMessage.Read(ref bad);
        });
    }

    [Fact]
    public void Controller_to_engine_messages()
    {
        Assert.Equal(Hex("0B000000 28 0C00000000000000 00 05"), Of(FrameOf(new DispatchMessage(12), [5])));
        Assert.Equal(Hex("09000000 29 0D00000000000000"), Of(Message.ToFrame(new AbortTaskMessage(13))));
        var token = Enumerable.Range(1, EngineWelcomeMessage.TokenLength).Select(i => (byte)i).ToArray();
        Assert.Equal(
            Hex("1D000000 2B 01000000 03000000 0102030405060708090A0B0C0D0E0F10 30750000"),
            Of(Message.ToFrame(new EngineWelcomeMessage(1, 3, token, 30_000))));
        Assert.Equal(Hex("01000000 2C"), Of(Message.ToFrame(default(StopMessage))));

        var r = Reader(Hex("0C00000000000000 00 0D00000000000000 01000000 03000000 0102030405060708090A0B0C0D0E0F10 30750000"));
        Assert.Equal(12UL, DispatchMessage.Read(ref r).TaskId);
        Assert.Equal(13UL, AbortTaskMessage.Read(ref r).TaskId);
        Assert.True(new EngineWelcomeMessage(1, 3, token, 30_000).SameAs(EngineWelcomeMessage.Read(ref r)));
    }

    [Fact]
    public void Engine_to_controller_messages()
    {
        Assert.Equal(Hex("0A000000 3C 0E00000000000000 00"), Of(FrameOf(new EngineResultMessage(14), [0])));
        var request = Hex("21000000 3D" + H);
        Assert.Equal(request, Of(Message.ToFrame(new CodeRequestMessage(HashA))));
        var r = Reader(request[5..]);
        Assert.Equal(HashA, CodeRequestMessage.Read(ref r).Hash);
    }

    [Fact]
    public void An_engine_coming_back_names_its_id_token_and_launch()
    {
        var token = Enumerable.Range(1, EngineWelcomeMessage.TokenLength).Select(i => (byte)i).ToArray();
        var body = Concat(Hex("02000000"), token, Str("job7.3"));
        Assert.Equal(Concat(Hex($"{body.Length + 1:X2}000000 40"), body), Of(Message.ToFrame(new EngineHelloMessage(2, token, "job7.3"))));
        var r = Reader(body);
        var hello = EngineHelloMessage.Read(ref r);
        Assert.Equal((2, "job7.3", true), (hello.EngineId, hello.LaunchId, hello.IsReturning));
        Assert.Equal(token, hello.Token);
        Assert.False(EngineHelloMessage.New("").IsReturning);
    }

    [Fact]
    public void Clients_hear_what_became_of_an_engine()
    {
        var body = Concat(Hex("05000000 03"), Str("job7.3"), Str("gone"));
        Assert.Equal(Concat(Hex($"{body.Length + 1:X2}000000 1A"), body), Of(Message.ToFrame(new EngineNoticeMessage(5, EngineFate.Ended, "job7.3", "gone"))));
        var r = Reader(body);
        Assert.Equal(new EngineNoticeMessage(5, EngineFate.Ended, "job7.3", "gone"), EngineNoticeMessage.Read(ref r));
        Assert.Throws<ProtocolViolationException>(() =>
        {
            var bad = Reader(Hex("05000000 09"));
            EngineNoticeMessage.Read(ref bad);
        });
    }

    [Fact]
    public void Submit_is_rewritten_as_Dispatch_in_place()
    {
        var body = Hex("05 03000000 312B31");
        var submit = Of(FrameOf(new SubmitMessage(7, -1), body));
        var buffer = (byte[])submit.Clone();
        var dispatch = SubmitMessage.RewriteAsDispatch(buffer, buffer.Length, 99);
        Assert.Same(buffer, dispatch.Buffer);
        Assert.Equal(Of(FrameOf(new DispatchMessage(99), body)), dispatch.Memory.ToArray());
    }

    [Fact]
    public void EngineResult_is_rewritten_as_Result_in_place()
    {
        var body = Hex("00 02000000 6400000000000000 C800000000000000 00000000 FFFFFFFF FFFFFFFF");
        var buffer = Of(FrameOf(new EngineResultMessage(14), body));
        var result = EngineResultMessage.RewriteAsResult(buffer, buffer.Length, 7);
        Assert.Same(buffer, result.Buffer);
        Assert.Equal(Of(FrameOf(new ResultMessage(7), body)), result.Memory.ToArray());
    }

    private static WireReader Reader(byte[] bytes) => new(new ReadOnlySequence<byte>(bytes));

    private static CodeBundle Bundle() => new(HashA, "App", [new ShippedAssembly("A", HashC, [1, 2])]);

    private static byte[] BundleBytes() => Concat(HashA, Str("App"), Hex("01000000"), Str("A"), HashC, Hex("02000000 0102"));
}
