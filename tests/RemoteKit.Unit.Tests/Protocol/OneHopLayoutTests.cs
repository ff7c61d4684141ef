using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Protocol;

/// <summary>
/// Golden bytes of tasks sent in one hop: the task and its abort on the direct connection, the engine's result and events
/// there, the outcomes the engine reports to the controller, the task id blocks and the aborts clients report.
/// </summary>
public class OneHopLayoutTests
{
    private static readonly Guid Client = new(Hex("000102030405060708090A0B0C0D0E0F"));

    [Fact]
    public void A_direct_task_names_the_client_task_the_engine_and_the_controller_task_id()
    {
        var bytes = Hex("16000000 66 0700000000000000 02000000 0110000000000000 00");
        Assert.Equal(bytes, Of(Message.ToFrame(new DirectTaskMessage(7, 2, 0x1001))));
        var r = Reader(bytes[5..]);
        Assert.Equal(new DirectTaskMessage(7, 2, 0x1001), DirectTaskMessage.Read(ref r));
    }

    [Fact]
    public void A_submit_frame_becomes_a_direct_task_frame_in_place()
    {
        var frame = FrameOf(new SubmitMessage(7, 2), Hex("05"));
        var bytes = frame.Memory.ToArray();
        frame.Return();
        Assert.Equal(Hex("17000000 01 0700000000000000 02000000 00000000 00000000 00 05"), bytes);

        DirectTaskMessage.RewriteSubmit(bytes, 0x1001);
        Assert.Equal(Hex("17000000 66 0700000000000000 02000000 0110000000000000 00 05"), bytes);
    }

    [Fact]
    public void Aborts_of_direct_tasks_name_the_engine_the_task_and_any_timeout_passed()
    {
        var abort = Hex("11000000 67 02000000 0110000000000000 00000000");
        Assert.Equal(abort, Of(Message.ToFrame(new DirectAbortMessage(2, 0x1001))));
        var r = Reader(abort[5..]);
        Assert.Equal(new DirectAbortMessage(2, 0x1001), DirectAbortMessage.Read(ref r));

        // Aborted because it passed its timeout of 1.5 s; the engine tells the controller if it was running.
        var timedOut = Hex("11000000 67 02000000 0110000000000000 DC050000");
        Assert.Equal(timedOut, Of(Message.ToFrame(new DirectAbortMessage(2, 0x1001, 1500))));
        r = Reader(timedOut[5..]);
        Assert.Equal(new DirectAbortMessage(2, 0x1001, 1500), DirectAbortMessage.Read(ref r));
        var negative = Hex("02000000 0110000000000000 FFFFFFFF");
        Assert.Throws<ProtocolViolationException>(() =>
        {
            var bad = Reader(negative);
            DirectAbortMessage.Read(ref bad);
        });

        var running = Hex("09000000 44 0110000000000000");
        Assert.Equal(running, Of(Message.ToFrame(new DirectTimedOutMessage(0x1001))));
        r = Reader(running[5..]);
        Assert.Equal(new DirectTimedOutMessage(0x1001), DirectTimedOutMessage.Read(ref r));

        var told = Hex("0D000000 0B 02000000 0110000000000000");
        Assert.Equal(told, Of(Message.ToFrame(new DirectAbortedMessage(2, 0x1001))));
        r = Reader(told[5..]);
        Assert.Equal(new DirectAbortedMessage(2, 0x1001), DirectAbortedMessage.Read(ref r));
    }

    [Fact]
    public void A_direct_result_and_event_name_the_client_task()
    {
        var result = Hex("09000000 68 0700000000000000");
        Assert.Equal(result, Of(Message.ToFrame(new DirectResultMessage(7))));
        var r = Reader(result[5..]);
        Assert.Equal(new DirectResultMessage(7), DirectResultMessage.Read(ref r));

        var progress = Hex("0E000000 69 0700000000000000 02000000 03");
        Assert.Equal(progress, Of(Message.ToFrame(new DirectTaskEventMessage(7, 2, TaskEventKind.Progress))));
        r = Reader(progress[5..]);
        Assert.Equal(new DirectTaskEventMessage(7, 2, TaskEventKind.Progress), DirectTaskEventMessage.Read(ref r));
    }

    [Fact]
    public void A_client_asks_an_engine_to_send_its_outcomes_and_hears_when_it_did()
    {
        var flush = Hex("0D000000 6A 0900000000000000 03000000");
        Assert.Equal(flush, Of(Message.ToFrame(new DirectFlushMessage(9, 3))));
        var r = Reader(flush[5..]);
        Assert.Equal(new DirectFlushMessage(9, 3), DirectFlushMessage.Read(ref r));

        // The client's direct id, for the controller to find the client the answer is for (Guid's own byte order).
        var client = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var flushed = Hex("19000000 6B 0900000000000000 33221100 5544 7766 8899 AABBCCDDEEFF");
        Assert.Equal(flushed, Of(Message.ToFrame(new DirectFlushedMessage(9, client))));
        r = Reader(flushed[5..]);
        Assert.Equal(new DirectFlushedMessage(9, client), DirectFlushedMessage.Read(ref r));
    }

    [Fact]
    public void Outcomes_carry_ids_client_arrival_and_small_task_and_result_bodies_whole()
    {
        var frame = Message.Start(new DirectOutcomesMessage(0), 64);
        DirectOutcome.Write(frame, 5, 7, Client, 0x20, Hex("01AA"), Hex("000102"));
        DirectOutcomesMessage.SetCount(frame.At(Frame.HeaderLength, 4), 1);
        var bytes = Hex(
            "4A000000 42 01000000 0500000000000000 0700000000000000 000102030405060708090A0B0C0D0E0F 2000000000000000 " +
            "0200000000000000 02000000 01AA 0300000000000000 03000000 000102");
        Assert.Equal(bytes, Of(frame.Finish()));

        var r = Reader(bytes[5..]);
        Assert.Equal(1, DirectOutcomesMessage.Read(ref r).Count);
        var outcome = DirectOutcome.Read(ref r);
        Assert.Equal((5UL, 7UL, Client, 0x20L, 2L, 3L), (outcome.TaskId, outcome.ClientTaskId, outcome.ClientId, outcome.ReceivedTicks, outcome.TaskBytes, outcome.ResultBytes));
        Assert.True(outcome.WholeTask);
        Assert.Equal(Hex("01AA"), outcome.Task.ToArray());
        Assert.Equal(Hex("000102"), outcome.Result.ToArray());
        Assert.True(r.End);
    }

    [Fact]
    public void Outcomes_of_large_tasks_keep_the_task_kind_and_method_and_the_result_header_and_error()
    {
        var task = new byte[DirectOutcome.MaxKeptBytes + 1];
        task[0] = (byte)TaskKind.Call;
        task[1] = 0x2A;
        var ok = ResultOf(ResultStatus.Ok, new byte[DirectOutcome.MaxKeptBytes]);
        var frame = Message.Start(new DirectOutcomesMessage(0), 64);
        DirectOutcome.Write(frame, 5, 7, Client, 0x20, task, ok);
        var bytes = Of(frame.Finish());

        var r = Reader(bytes[5..]);
        DirectOutcomesMessage.Read(ref r);
        var outcome = DirectOutcome.Read(ref r);
        Assert.False(outcome.WholeTask);
        Assert.Equal(task[..DirectOutcome.TaskHeadBytes], outcome.Task.ToArray());
        Assert.Equal(ok.Length, outcome.ResultBytes);
        var result = new WireReader(outcome.Result);
        var body = ResultBody.Read(ref result);
        Assert.Equal((ResultStatus.Ok, 3, 10L, 20L, 0), (body.Header.Status, body.Header.EngineId, body.Header.StartedTicks, body.Header.CompletedTicks, body.Header.PayloadLength));
        Assert.Null(body.Stdout);
        Assert.True(result.End);
    }

    [Fact]
    public void The_outcome_of_a_large_batch_with_a_failed_call_is_its_first_failure()
    {
        var task = Body(w => new BatchTask(0x2A, HashA, 2).Write(w));
        var payload = Body(w =>
        {
            BatchReply.WriteHeader(w, 3, 2);
            var big = BatchReply.BeginItem(w);
            w.Write(new byte[DirectOutcome.MaxKeptBytes]);
            big.Succeed(w);
            BatchReply.BeginItem(w).Fail(w, new InvalidOperationException("second"));
        });
        var frame = Message.Start(new DirectOutcomesMessage(0), 64);
        DirectOutcome.Write(frame, 5, 7, Client, 0x20, task, ResultOf(ResultStatus.Ok, payload));
        var bytes = Of(frame.Finish());

        var r = Reader(bytes[5..]);
        DirectOutcomesMessage.Read(ref r);
        var result = new WireReader(DirectOutcome.Read(ref r).Result);
        var body = ResultBody.Read(ref result);
        Assert.Equal(ResultStatus.Error, body.Header.Status);
        var error = new WireReader(body.Payload);
        Assert.Equal(("System.InvalidOperationException", "second"), (ErrorPayload.Read(ref error) is var e ? (e.Type, e.Message) : default));
    }

    [Fact]
    public void Task_ids_are_asked_for_with_the_client_direct_id_and_granted_as_a_block()
    {
        var request = Hex("1A000000 05 0900000000000000 03 000102030405060708090A0B0C0D0E0F");
        Assert.Equal(request, Of(Message.ToFrame(new ControlRequestMessage(9, ControlOp.TaskIds, Client))));
        var r = Reader(request[5..]);
        Assert.Equal(new ControlRequestMessage(9, ControlOp.TaskIds, Client), ControlRequestMessage.Read(ref r));

        var reply = Message.Start(new ControlReplyMessage(9), 12);
        new TaskIdBlock(0x1001, 4096).Write(reply);
        var bytes = Hex("15000000 17 0900000000000000 0110000000000000 00100000");
        Assert.Equal(bytes, Of(reply.Finish()));
        r = Reader(bytes[5..]);
        ControlReplyMessage.Read(ref r);
        Assert.Equal(new TaskIdBlock(0x1001, 4096), TaskIdBlock.Read(ref r));
    }

    /// <summary>A result body with <paramref name="payload"/> and some output, from engine 3, started at 10 and completed at 20.</summary>
    private static byte[] ResultOf(ResultStatus status, byte[] payload) => Body(w =>
    {
        var result = ResultBody.Begin(w);
        w.Write(payload);
        result.End(w, status, 3, 10, 20, new TaskOutputText("out", null));
    });

    private static WireReader Reader(byte[] bytes) => new(new ReadOnlySequence<byte>(bytes));
}
