using System.Buffers;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Protocol;

/// <summary>Golden bytes of the task bodies (after Submit/Dispatch headers) and of their result payloads.</summary>
public class TaskBodyLayoutTests
{
    private static readonly string H = Convert.ToHexString(HashA);

    [Fact]
    public void Call()
    {
        var bytes = Hex("01 1000000000000000" + H + "AA");
        Assert.Equal(bytes, Body(w =>
        {
            new CallTask(0x10, HashA).Write(w);
            w.Write(Hex("AA"));
        }));
        var r = Reader(bytes);
        Assert.Equal(TaskKind.Call, TaskBody.ReadKind(ref r));
        var call = CallTask.Read(ref r);
        Assert.Equal(0x10UL, call.MethodId);
        Assert.Equal(HashA, call.BundleHash);
        Assert.Equal(Hex("AA"), TaskBody.RestAsMemory(r).ToArray());
    }

    [Fact]
    public void Batch()
    {
        var bytes = Hex("02 1000000000000000" + H + "02000000 01000000 07 00000000");
        Assert.Equal(bytes, Body(w =>
        {
            new BatchTask(0x10, HashA, 2).Write(w);
            w.WriteBlob(Hex("07"));
            w.WriteBlob([]);
        }));
        var r = Reader(bytes);
        Assert.Equal(TaskKind.Batch, TaskBody.ReadKind(ref r));
        var batch = BatchTask.Read(ref r);
        Assert.Equal((0x10UL, 2), (batch.MethodId, batch.Count));
        Assert.Equal(Hex("07"), r.ReadBlob().ToArray());
        Assert.True(r.ReadBlob().IsEmpty);
        r.ExpectEnd();
    }

    [Fact]
    public void BatchReply_is_engine_count_then_status_and_value_or_error_per_call()
    {
        var error = new InvalidOperationException("no");
        var bytes = Concat(Hex("03000000 02000000 00 01000000 07 01 00"), Str(typeof(InvalidOperationException).FullName!), Str("no"), Hex("FFFFFFFF"));
        Assert.Equal(bytes, Body(w =>
        {
            BatchReply.WriteHeader(w, 3, 2);
            var ok = BatchReply.BeginItem(w);
            w.Write(Hex("07"));
            ok.Succeed(w);
            var failed = BatchReply.BeginItem(w);
            w.Write(Hex("0909"));
            failed.Fail(w, error);
        }));

        var r = Reader(bytes);
        Assert.Equal((3, 2), BatchReply.ReadHeader(ref r));
        var first = BatchReply.ReadItem(ref r);
        Assert.Equal(ResultStatus.Ok, first.Status);
        Assert.Equal(Hex("07"), first.Value.ToArray());
        var second = BatchReply.ReadItem(ref r);
        Assert.Equal(ResultStatus.Error, second.Status);
        Assert.Equal(new ErrorPayload(ErrorKind.Thrown, typeof(InvalidOperationException).FullName, "no", null), second.Error);
        r.ExpectEnd();
    }

    [Fact]
    public void Push()
    {
        var bytes = Concat(Hex("03 01000000"), Str("x"), Str("System.Int32"), Hex("04000000 05000000"));
        Assert.Equal(bytes, Body(w =>
        {
            PushTask.WriteHeader(w, 1);
            PushTask.WriteEntry(w, "x", "System.Int32", 5, static (w, v) => w.WriteI32(v));
        }));
        var r = Reader(bytes);
        Assert.Equal(TaskKind.Push, TaskBody.ReadKind(ref r));
        Assert.Equal(1, PushTask.ReadCount(ref r));
        var (name, type, value) = PushTask.ReadEntry(ref r);
        Assert.Equal(("x", "System.Int32"), (name, type));
        Assert.Equal(Hex("05000000"), value.ToArray());
    }

    [Fact]
    public void Pull_and_its_reply()
    {
        var bytes = Concat(Hex("04 01000000"), Str("x"));
        Assert.Equal(bytes, Body(w => new PullTask(["x"]).Write(w)));
        var r = Reader(bytes);
        Assert.Equal(TaskKind.Pull, TaskBody.ReadKind(ref r));
        Assert.Equal(["x"], PullTask.Read(ref r).Names);

        var reply = Concat(Hex("01000000"), Str("T"), Hex("02000000 0102"));
        Assert.Equal(reply, Body(w =>
        {
            PullReply.WriteHeader(w, 1);
            PullReply.WriteEntry(w, "T", Hex("0102"), static (w, v) => w.Write(v));
        }));
        r = Reader(reply);
        Assert.Equal(1, PullReply.ReadCount(ref r));
        var (typeName, value) = PullReply.ReadEntry(ref r);
        Assert.Equal("T", typeName);
        Assert.Equal(Hex("0102"), value.ToArray());
    }

    [Fact]
    public void Execute()
    {
        var bytes = Hex("05 03000000 312B31");
        Assert.Equal(bytes, Body(w => new ExecuteTask("1+1").Write(w)));
        var r = Reader(bytes);
        Assert.Equal(TaskKind.Execute, TaskBody.ReadKind(ref r));
        Assert.Equal("1+1", ExecuteTask.Read(ref r).Code);
    }

    [Fact]
    public void ErrorPayload_with_null_stack()
    {
        var bytes = Hex("00 01000000 54 01000000 6D FFFFFFFF");
        Assert.Equal(bytes, Body(w => new ErrorPayload(ErrorKind.Thrown, "T", "m", null).Write(w)));
        var r = Reader(bytes);
        Assert.Equal(new ErrorPayload(ErrorKind.Thrown, "T", "m", null), ErrorPayload.Read(ref r));
    }

    [Fact]
    public void ErrorPayload_of_RemoteKits_own_failure_carries_its_kind_and_no_type()
    {
        // What the controller writes for a task past its timeout: the kind decides, the type name is not sent.
        var bytes = Hex("04 FFFFFFFF 04000000 736C6F77 FFFFFFFF");
        Assert.Equal(bytes, Body(w => ErrorPayload.Of(ErrorKind.TimedOut, "slow").Write(w)));
        var r = Reader(bytes);
        Assert.Equal(new ErrorPayload(ErrorKind.TimedOut, "RemoteKit.TaskTimeoutException", "slow", null), ErrorPayload.Read(ref r));
    }

    [Fact]
    public void ErrorPayload_with_an_unknown_kind_breaks_the_protocol()
    {
        var bytes = Hex("09 FFFFFFFF FFFFFFFF FFFFFFFF");
        Assert.Throws<ProtocolViolationException>(() =>
        {
            var r = Reader(bytes);
            ErrorPayload.Read(ref r);
        });
    }

    private static WireReader Reader(byte[] bytes) => new(new ReadOnlySequence<byte>(bytes));
}
