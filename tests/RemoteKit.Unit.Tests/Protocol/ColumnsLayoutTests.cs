using System.Buffers;
using System.Runtime.InteropServices;
using RemoteKit.Engine;
using RemoteKit.Protocol;
using RemoteKit.Transport;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Protocol;

/// <summary>
/// Golden bytes of a map chunk sent as columns and of its reply, what their readers refuse, and the engine's column runner
/// writing that reply (one failing item fails alone).
/// </summary>
public class ColumnsLayoutTests
{
    private static readonly string H = Convert.ToHexString(HashA);

    private static readonly string InvalidOperation = typeof(InvalidOperationException).FullName!;

    [Fact]
    public void Columns_task_is_header_then_one_raw_little_endian_array_per_parameter()
    {
        var bytes = Hex("06 1000000000000000" + H + "02000000" + "02000000" + "08000000 01000000 FEFFFFFF" + "04000000 0300 0400");
        Assert.Equal(bytes, Body(w =>
        {
            new ColumnsTask(0x10, HashA, 2, 0).Write(w);
            var columns = ColumnWriter.Begin(w, 2, 2, sizeof(int) + sizeof(short));
            var ints = columns.Next<int>();
            var shorts = columns.Next<short>();
            (ints[0], ints[1], shorts[0], shorts[1]) = (1, -2, 3, 4);
        }));

        var r = Reader(bytes);
        Assert.Equal(TaskKind.Columns, TaskBody.ReadKind(ref r));
        var task = ColumnsTask.Read(ref r);
        Assert.Equal((0x10UL, 2, 2), (task.MethodId, task.Count, task.Columns));
        Assert.Equal(HashA, task.BundleHash);
        Assert.Equal([1, -2], MemoryMarshal.Cast<byte, int>(ColumnsTask.ReadColumn(ref r).ToArray()).ToArray());
        Assert.Equal([3, 4], MemoryMarshal.Cast<byte, short>(ColumnsTask.ReadColumn(ref r).ToArray()).ToArray());
        r.ExpectEnd();
    }

    [Fact]
    public void Columns_reply_is_the_raw_results_then_the_failed_items_by_index()
    {
        var bytes = Concat(
            Hex("03000000 03000000 0C000000 0A000000 00000000 1E000000 01000000 01000000 00"), Str(InvalidOperation), Str("no"), Hex("FFFFFFFF"));
        Assert.Equal(bytes, Body(w =>
        {
            var at = ColumnsReply.BeginResults(w, 3, 3, sizeof(int));
            new[] { 10, 0, 30 }.CopyTo(MemoryMarshal.Cast<byte, int>(w.At(at, 12)));
            ColumnsReply.WriteFailures(w, [(1, new InvalidOperationException("no"))]);
        }));

        var r = Reader(bytes);
        var (engineId, count, results) = ColumnsReply.ReadResults(ref r);
        Assert.Equal((3, 3), (engineId, count));
        Assert.Equal([10, 0, 30], ColumnsReply.ToArray<int>(count, results));
        Assert.Equal(1, ColumnsReply.ReadFailureCount(ref r));
        Assert.Equal((1, new ErrorPayload(ErrorKind.Thrown, InvalidOperation, "no", null)), ColumnsReply.ReadFailure(ref r, count));
        r.ExpectEnd();
        Assert.Equal(new ErrorPayload(ErrorKind.Thrown, InvalidOperation, "no", null), ColumnsReply.FirstFailure(new ReadOnlySequence<byte>(bytes)));
    }

    [Fact]
    public void A_reply_without_failures_ends_with_a_zero_count()
    {
        var bytes = Body(w =>
        {
            var at = ColumnsReply.BeginResults(w, 0, 1, sizeof(long));
            MemoryMarshal.Write(w.At(at, 8), 7L);
            ColumnsReply.WriteFailures(w, null);
        });

        Assert.Equal(Hex("00000000 01000000 08000000 0700000000000000 00000000"), bytes);
        Assert.Null(ColumnsReply.FirstFailure(new ReadOnlySequence<byte>(bytes)));
    }

    [Fact]
    public void Readers_refuse_a_task_without_columns_results_of_the_wrong_size_and_a_failure_outside_the_chunk()
    {
        Assert.Throws<ProtocolViolationException>(() =>
        {
            var r = Reader(Hex("1000000000000000" + H + "01000000 00000000 00"));
            ColumnsTask.Read(ref r);
        });
        Assert.Throws<ProtocolViolationException>(() => ColumnsReply.ToArray<int>(3, new ReadOnlySequence<byte>(new byte[11])));
        Assert.Throws<ProtocolViolationException>(() =>
        {
            var r = Reader(Concat(Hex("03000000 00"), Str("T"), Str("m"), Str("s")));
            ColumnsReply.ReadFailure(ref r, 3);
        });
    }

    [Fact]
    public void The_engine_runs_a_chunk_from_its_columns_and_fails_only_the_item_that_throws()
    {
        var reply = Body(w => ColumnRunner.Run(Invoker(), [Column(5, 4, 0, 20)], 4, w, Context(engineId: 2, CancellationToken.None)));

        var r = Reader(reply);
        var (engineId, count, results) = ColumnsReply.ReadResults(ref r);
        Assert.Equal((2, 4), (engineId, count));
        Assert.Equal([20, 25, 0, 5], ColumnsReply.ToArray<int>(count, results));
        Assert.Equal(1, ColumnsReply.ReadFailureCount(ref r));
        var (index, error) = ColumnsReply.ReadFailure(ref r, count);
        Assert.Equal(2, index);
        Assert.Equal((typeof(DivideByZeroException).FullName, "Attempted to divide by zero."), (error.Type, error.Message));
        r.ExpectEnd();
    }

    [Fact]
    public void The_engine_refuses_a_column_count_the_method_does_not_take_and_a_method_without_a_loop()
    {
        Assert.Throws<ProtocolViolationException>(() => Body(w => ColumnRunner.Run(Invoker(), [Column(1), Column(2)], 1, w, Context(0, CancellationToken.None))));
        Assert.Throws<ProtocolViolationException>(() => Body(w => ColumnRunner.Run(Invoker(), [Column(1, 2)], 3, w, Context(0, CancellationToken.None))));
        var perCall = RemoteInvoker.Create(Invoker().Method, _ => default);
        Assert.Throws<NotSupportedException>(() => Body(w => ColumnRunner.Run(perCall, [Column(1)], 1, w, Context(0, CancellationToken.None))));
    }

    [Fact]
    public void A_cancelled_task_stops_the_loop_rather_than_failing_items()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => Body(w => ColumnRunner.Run(Invoker(), [Column(1, 2)], 2, w, Context(0, cancelled.Token))));
    }

    private static RemoteInvoker Invoker() => RemoteInvoker.Create(
        new RemoteMethodDescriptor(0x42, "Numbers.Inverse(int)", typeof(ColumnsLayoutTests), isColumnar: true),
        _ => throw new InvalidOperationException("the per-call path is not taken"),
        RemoteColumns.Loop<int, int>(static x => 100 / x));

    private static ReadOnlyMemory<byte> Column(params int[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static RemoteContext Context(int engineId, CancellationToken cancellationToken) => new(engineId, 2, new EngineNamespace(), cancellationToken);

    private static WireReader Reader(byte[] bytes) => new(new ReadOnlySequence<byte>(bytes));
}
