using System.Buffers;
using RemoteKit.Controller;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Controller;

/// <summary>What losing engines does to the tasks they were running.</summary>
public partial class HubTests
{
    [Fact]
    public void An_engine_lost_to_silence_is_not_held_against_the_task_it_was_running()
    {
        (_hub, _client) = NewHub(new ControllerOptions
        {
            EngineTaskLimit = 1, HeartbeatInterval = TimeSpan.FromSeconds(1), HeartbeatMisses = 4, ClientHeartbeatMisses = 30, TaskEngineLossLimit = 2,
        });
        var engines = new[] { AddEngine(), AddEngine(), AddEngine() };
        Clear([.. engines.Select(e => e.Channel)]);
        Deliver(_clientChannel, FrameOf(new SubmitMessage(7, -1, Retries: 10), TaskBody));

        // The engine running it goes quiet (its host paused, say) while the others and the client answer every ping.
        var (silent, _, _) = DispatchedOnce(engines);
        Run(TimeSpan.FromMilliseconds(4_250), () =>
        {
            Deliver(_clientChannel, Message.ToFrame(default(HeartbeatReplyMessage)));
            foreach (var (channel, engine) in engines.Where(e => e.Channel != silent))
            {
                channel.Deliver(Message.ToFrame(default(HeartbeatReplyMessage)), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine, k, b));
            }
        });
        Assert.Contains("no heartbeat", silent.CloseReason, StringComparison.Ordinal);

        // The next engine crashes while running it: one loss counted, so it runs a third time instead of failing.
        var (_, crashed, _) = DispatchedOnce(engines);
        _hub.RemoveEngine(crashed, "connection reset");
        Assert.DoesNotContain(_clientChannel.Drain(), f => f.Kind == MessageKind.Result);
        var (_, last, _) = DispatchedOnce(engines);

        // A second crash under it is the limit: the task fails, naming the two engines whose processes it was running in.
        _hub.RemoveEngine(last, "connection reset");
        var (clientTaskId, body) = Result(_clientChannel.Drain().Single(f => f.Kind == MessageKind.Result));
        var error = Error(body);
        Assert.Equal((7UL, ErrorKind.KilledEngines), (clientTaskId, error.Kind));
        Assert.Contains($"engines {crashed.Id}, {last.Id} ", error.Message, StringComparison.Ordinal);
    }
}
