using System.Buffers;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Protocol;

/// <summary>
/// How the controller finds a batch task's first failed item, which its history records: a reply in one piece is scanned by
/// its length prefixes, one in pieces is read item by item, and both find the same failure and refuse the same garbage.
/// </summary>
/// <remarks>Its byte strings are no layout's golden bytes (those live in the layout tests), so they stay out of the protocol's fingerprint.</remarks>
public class BatchReplyScanTests
{
    [Fact]
    public void A_batch_replys_first_failure_is_found_alike_in_one_piece_and_in_pieces()
    {
        // 300 items, values of every size from 0 to 299 bytes; item 201 failed, and so did item 250.
        byte[] Reply(params int[] failed) => Body(w =>
        {
            BatchReply.WriteHeader(w, 3, 300);
            for (var i = 0; i < 300; i++)
            {
                var item = BatchReply.BeginItem(w);
                w.Write(Enumerable.Repeat((byte)i, i).ToArray());
                if (failed.Contains(i))
                {
                    item.Fail(w, new InvalidOperationException($"item {i}"));
                }
                else
                {
                    item.Succeed(w);
                }
            }
        });

        var failing = Reply(201, 250);
        ErrorPayload? expected = new ErrorPayload(ErrorKind.Thrown, typeof(InvalidOperationException).FullName, "item 201", null);
        Assert.Equal(expected, BatchReply.FirstFailure(new ReadOnlySequence<byte>(failing)));
        Assert.Equal(expected, BatchReply.FirstFailure(FrameAndMalformedTests.Segments(failing[..1000], failing[1000..])));

        var succeeding = Reply();
        Assert.Null(BatchReply.FirstFailure(new ReadOnlySequence<byte>(succeeding)));
        Assert.Null(BatchReply.FirstFailure(FrameAndMalformedTests.Segments(succeeding[..7], succeeding[7..])));
    }

    [Fact]
    public void A_malformed_batch_reply_is_refused_whether_in_one_piece_or_in_pieces()
    {
        // Two items declared: the first Ok with 1 byte, the second with status 7, which no reply has.
        var unknownStatus = Hex("03000000 02000000 00 01000000 07 07");
        // One item declared whose value claims more bytes than the reply holds.
        var overlong = Hex("03000000 01000000 00 FF000000 07");
        // A count the reply cannot hold.
        var overcounted = Hex("03000000 FFFFFF7F 00");
        foreach (var bytes in new[] { unknownStatus, overlong, overcounted })
        {
            Assert.Throws<ProtocolViolationException>(() => BatchReply.FirstFailure(new ReadOnlySequence<byte>(bytes)));
            Assert.Throws<ProtocolViolationException>(() => BatchReply.FirstFailure(FrameAndMalformedTests.Segments(bytes[..5], bytes[5..])));
        }
    }
}
