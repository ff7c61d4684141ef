using System.Buffers;
using System.Buffers.Binary;
using RemoteKit.Protocol;
using RemoteKit.Transport;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Protocol;

/// <summary>
/// Layouts read in place when they lie in one block (a one-hop outcome, a result): they read the same when the bytes come
/// split across blocks at any point, and a cut or lying one is refused either way. The layouts themselves are pinned by
/// the golden-byte tests; these check the two ways of reading them agree.
/// </summary>
public class InPlaceReadTests
{
    private static readonly Guid Client = Guid.Parse("03020100-0504-0706-0809-0a0b0c0d0e0f");

    [Fact]
    public void Outcomes_read_the_same_split_across_blocks_at_any_byte_and_a_cut_or_lying_one_is_a_violation()
    {
        var frame = Message.Start(new DirectOutcomesMessage(0), 64);
        DirectOutcome.Write(frame, 5, 7, Client, 0x20, Hex("01AA"), Hex("000102"));
        DirectOutcome.Write(frame, 6, 8, Client, 0x21, Hex("01BBCC"), Hex("0405"));
        DirectOutcomesMessage.SetCount(frame.At(Frame.HeaderLength, 4), 2);
        var bytes = Of(frame.Finish())[5..];
        var whole = ReadAll(new ReadOnlySequence<byte>(bytes));
        Assert.Equal([(5UL, "01AA", "000102"), (6UL, "01BBCC", "0405")], whole);

        for (var at = 1; at < bytes.Length; at++)
        {
            Assert.Equal(whole, ReadAll(FrameAndMalformedTests.Segments(bytes[..at], bytes[at..])));
            var cut = bytes[..at];
            Assert.Throws<ProtocolViolationException>(() => ReadAll(new ReadOnlySequence<byte>(cut)));
        }

        // The first outcome's task claims more bytes than the report holds.
        var lying = bytes.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(lying.AsSpan(4 + 48), 1_000);
        Assert.Throws<ProtocolViolationException>(() => ReadAll(new ReadOnlySequence<byte>(lying)));

        static List<(ulong, string, string)> ReadAll(ReadOnlySequence<byte> input)
        {
            var r = new WireReader(input);
            var n = DirectOutcomesMessage.Read(ref r).Count;
            var read = new List<(ulong, string, string)>();
            for (var i = 0; i < n; i++)
            {
                var outcome = DirectOutcome.Read(ref r);
                read.Add((outcome.TaskId, Convert.ToHexString(outcome.Task.ToArray()), Convert.ToHexString(outcome.Result.ToArray())));
            }

            r.ExpectEnd();
            return read;
        }
    }

    [Fact]
    public void Results_read_the_same_split_across_blocks_at_any_byte_with_and_without_output_and_a_cut_one_is_a_violation()
    {
        var frame = Message.Start(new ResultMessage(11), 64);
        var quiet = ResultBody.Begin(frame);
        frame.Write(Hex("AABB"));
        quiet.End(frame, ResultStatus.Ok, 2, 100, 200, default);
        var loud = ResultBody.Begin(frame);
        frame.Write(Hex("CC"));
        loud.End(frame, ResultStatus.Ok, 3, 300, 400, new TaskOutputText("hi", "e", StdoutDropped: 5));
        var dropped = ResultBody.Begin(frame);
        dropped.End(frame, ResultStatus.Ok, 4, 500, 600, new TaskOutputText(null, null, StderrDropped: 7));
        var bytes = Of(frame.Finish())[5..];
        var whole = ReadAll(new ReadOnlySequence<byte>(bytes));
        Assert.Equal(
            [
                (new ResultHeader(ResultStatus.Ok, 2, 100, 200, 2), "AABB", (string?)null, (string?)null, 0L, 0L),
                (new ResultHeader(ResultStatus.Ok, 3, 300, 400, 1), "CC", "hi", "e", 5L, 0L),
                (new ResultHeader(ResultStatus.Ok, 4, 500, 600, 0), "", null, null, 0L, 7L),
            ],
            whole);

        for (var at = 1; at < bytes.Length; at++)
        {
            Assert.Equal(whole, ReadAll(FrameAndMalformedTests.Segments(bytes[..at], bytes[at..])));
            var cut = bytes[..at];
            Assert.Throws<ProtocolViolationException>(() => ReadAll(new ReadOnlySequence<byte>(cut)));
        }

        static List<(ResultHeader, string, string?, string?, long, long)> ReadAll(ReadOnlySequence<byte> input)
        {
            var r = new WireReader(input);
            Assert.Equal(11UL, ResultMessage.Read(ref r).ClientTaskId);
            var read = new List<(ResultHeader, string, string?, string?, long, long)>();
            for (var i = 0; i < 3; i++)
            {
                var body = ResultBody.Read(ref r);
                read.Add((body.Header, Convert.ToHexString(body.Payload.ToArray()), body.Stdout, body.Stderr, body.StdoutDropped, body.StderrDropped));
            }

            r.ExpectEnd();
            return read;
        }
    }
}
