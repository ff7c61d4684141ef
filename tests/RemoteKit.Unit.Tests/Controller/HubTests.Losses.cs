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

    [Fact]
    public void A_restored_controller_admits_the_engines_of_the_one_it_replaces_with_their_ids_within_the_grace()
    {
        (_hub, _client) = NewHub(new ControllerOptions { Restore = true, ReadmissionGrace = TimeSpan.FromSeconds(30), HeartbeatMisses = 1000 });
        var token = new byte[EngineWelcomeMessage.TokenLength];

        // Engines 3 and 1 of the last controller come back; a new engine then gets an id after theirs.
        var three = _hub.AdmitEngine(new FakeChannel("engine 3"), new EngineHelloMessage(3, token, "unit-a.3"));
        var one = _hub.AdmitEngine(new FakeChannel("engine 1"), new EngineHelloMessage(1, token, "unit-a.1"));
        var fresh = _hub.AdmitEngine(new FakeChannel("new"), EngineHelloMessage.New("unit-b"));
        Assert.Equal((3, 1, 4), (three!.Id, one!.Id, fresh!.Id));

        // Nobody takes an id that is held, and once the grace has passed no unknown engine comes back.
        var twin = new FakeChannel("twin");
        Assert.Null(_hub.AdmitEngine(twin, new EngineHelloMessage(4, token, "unit-c")));
        Assert.Contains("another engine holds id 4", twin.CloseReason, StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromSeconds(31));
        var late = new FakeChannel("late");
        Assert.Null(_hub.AdmitEngine(late, new EngineHelloMessage(0, token, "unit-a.0")));
        Assert.Contains("not waiting to be re-admitted", late.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_controller_that_is_not_restoring_refuses_engines_it_never_registered()
    {
        (_hub, _client) = NewHub(new ControllerOptions { HeartbeatMisses = 1000 });
        var stranger = new FakeChannel("stranger");
        Assert.Null(_hub.AdmitEngine(stranger, new EngineHelloMessage(2, new byte[EngineWelcomeMessage.TokenLength], "unit-a")));
        Assert.Contains("not waiting to be re-admitted", stranger.CloseReason, StringComparison.Ordinal);
    }
}
