using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Protocol;
using RemoteKit.Transport;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>The order of outgoing frames and code shipping, against a fake controller connection.</summary>
public sealed class CodeShipperTests
{
    private static readonly ShippingPolicy Quick = new(Attempts: 3, FirstRetryDelay: TimeSpan.FromMilliseconds(1), ReplyTimeout: Patience.Long);

    [Fact]
    public async Task A_bundle_that_cannot_be_shipped_fails_its_tasks_after_the_allowed_attempts_and_later_frames_still_go()
    {
        var broken = Bundle("Broken.Assembly", 1);
        var channel = new FakeChannel(bundle => bundle == broken ? throw new IOException("disk on fire") : true);
        var shipper = new CodeShipper(channel, NullLogger.Instance, Quick);
        var held = new PendingTask<int>(1, _ => 0);

        shipper.Send(Tagged(1), broken, held);
        shipper.Send(Tagged(2));
        shipper.Send(Tagged(3), Bundle("Fine.Assembly", 2));

        var error = await Assert.ThrowsAsync<RemoteKitException>(() => held.Task.WaitAsync(Patience.Long));
        Assert.Contains("Broken.Assembly", error.Message);
        Assert.Contains("3 attempts", error.Message);
        Assert.Contains("disk on fire", error.Message);
        Assert.IsType<IOException>(error.InnerException);
        Assert.Equal(3, channel.Queries(broken));

        Assert.Equal([2, 3], await channel.SentAsync(2));
        Assert.Same(held, Assert.Single(channel.Failed));
    }

    [Fact]
    public async Task A_shipment_that_fails_then_succeeds_sends_every_frame_once_in_order_and_fails_nothing()
    {
        var flaky = Bundle("Flaky.Assembly", 3);
        var failures = 2;
        var channel = new FakeChannel(_ => Interlocked.Decrement(ref failures) >= 0 ? throw new IOException("not yet") : false);
        var shipper = new CodeShipper(channel, NullLogger.Instance, Quick);

        shipper.Send(Tagged(1), flaky, new PendingTask<int>(1, _ => 0));
        shipper.Send(Tagged(2));
        shipper.Send(Tagged(3), flaky, new PendingTask<int>(2, _ => 0));

        Assert.Equal([1, 2, 3], await channel.SentAsync(3));

        // Asked once more after the upload: the answer says the controller has read it (tasks sent in one hop need that).
        await channel.QueriedAsync(flaky, 4);
        Assert.Equal([flaky], channel.Uploaded);
        Assert.Empty(channel.Failed);
        Assert.False(shipper.Clear(flaky));

        // Shipped once: the next task with that code goes straight out.
        shipper.Send(Tagged(4), flaky);
        Assert.Equal([1, 2, 3, 4], await channel.SentAsync(4));
        Assert.Equal(4, channel.Queries(flaky));
    }

    [Fact]
    public async Task A_controller_that_never_answers_fails_the_held_tasks_with_a_timeout_named_in_the_error()
    {
        var silent = Bundle("Silent.Assembly", 4);
        var channel = new FakeChannel(null);
        var shipper = new CodeShipper(channel, NullLogger.Instance, Quick with { Attempts = 2, ReplyTimeout = TimeSpan.FromMilliseconds(50) });
        var held = new PendingTask<int>(1, _ => 0);

        shipper.Send(Tagged(1), silent, held);

        var error = await Assert.ThrowsAsync<RemoteKitException>(() => held.Task.WaitAsync(Patience.Long));
        Assert.Contains("Silent.Assembly", error.Message);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(2, channel.Queries(silent));
    }

    private static CodeBundle Bundle(string name, byte seed) => new(Enumerable.Repeat(seed, CodeBundle.HashLength).ToArray(), name, []);

    private static OutgoingFrame Tagged(byte tag)
    {
        var frame = new FrameBuilder((byte)MessageKind.Submit, 1);
        frame.WriteU8(tag);
        return frame.Finish();
    }

    /// <summary>
    /// Answers code queries with <c>has</c> (which may throw); with no answer function, never answers. Records what is sent,
    /// uploaded and failed.
    /// </summary>
    private sealed class FakeChannel(Func<CodeBundle, bool>? has) : ICodeChannel
    {
        private readonly List<byte> _sent = [];
        private readonly Dictionary<CodeBundle, int> _queries = [];
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<CodeBundle> Uploaded { get; } = [];

        public List<PendingTask> Failed { get; } = [];

        public int Queries(CodeBundle bundle)
        {
            lock (_queries)
            {
                return _queries.GetValueOrDefault(bundle);
            }
        }

        public async Task<byte[]> SentAsync(int count)
        {
            while (true)
            {
                Task changed;
                lock (_sent)
                {
                    if (_sent.Count >= count)
                    {
                        return [.. _sent];
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(Patience.Long);
            }
        }

        /// <summary>Waits until <paramref name="bundle"/> was asked for <paramref name="count"/> times.</summary>
        public async Task QueriedAsync(CodeBundle bundle, int count)
        {
            while (true)
            {
                Task changed;
                lock (_sent)
                {
                    if (Queries(bundle) >= count)
                    {
                        return;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(Patience.Long);
            }
        }

        public async Task<bool> HasBundleAsync(CodeBundle bundle, CancellationToken cancellationToken)
        {
            lock (_sent)
            {
                lock (_queries)
                {
                    _queries[bundle] = _queries.GetValueOrDefault(bundle) + 1;
                }

                var changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed.TrySetResult();
            }

            if (has is null)
            {
                // Never answers: the query stays open until the shipper gives up on it.
                await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
            }

            await Task.Yield();
            return has!(bundle);
        }

        public void Upload(CodeBundle bundle)
        {
            lock (Uploaded)
            {
                Uploaded.Add(bundle);
            }
        }

        public void Send(OutgoingFrame frame)
        {
            lock (_sent)
            {
                _sent.Add(frame.Memory.Span[Frame.HeaderLength]);
                var changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed.TrySetResult();
            }

            frame.Return();
        }

        public void Fail(PendingTask task, Exception error)
        {
            lock (Failed)
            {
                Failed.Add(task);
            }

            task.Fail(error);
        }
    }
}
