namespace RemoteKit.Protocol;

/// <summary>The version of every layout in this folder, which peers compare in their handshake before any frame.</summary>
internal static class ProtocolVersion
{
    /// <summary>
    /// The version this build speaks; peers of another version are refused, with a message naming both. Any change to a
    /// layout (and so to the golden bytes that pin it) must raise it: a unit test ties the golden bytes to this number.
    /// </summary>
    /// <remarks>
    /// 2: error payloads start with an <see cref="ErrorKind"/> byte.
    /// 3: what a task prints, yields, reports and publishes reaches the caller while it runs: task events
    /// (<see cref="EngineTaskEventMessage"/>, <see cref="TaskEventMessage"/>: output, stream items, progress, data), stream
    /// tasks (<see cref="StreamTask"/>) with their flow control (<see cref="StreamAckMessage"/>,
    /// <see cref="StreamCreditMessage"/>), and results that say how much output the engine did not keep
    /// (<see cref="ResultBody"/>'s dropped counts, so a flood of output holds bounded memory).
    /// 4: engines come back after being declared lost: an engine's first frame is an <see cref="EngineHelloMessage"/>, its
    /// welcome carries a token and the readmission grace, clients hear what became of engines that left
    /// (<see cref="EngineNoticeMessage"/>), a task that killed engines fails with <see cref="ErrorKind.KilledEngines"/>, and
    /// load-balanced views over a subset name their engines once (<see cref="TargetSetMessage"/>).
    /// 5: a client runs a task of the history again (<see cref="ResubmitMessage"/>, kind 8), is told the new task's id by a
    /// <see cref="TaskEventKind.Resubmitted"/> event, and is refused with <see cref="ErrorKind.NotInHistory"/> or
    /// <see cref="ErrorKind.NotResubmittable"/>; history records say whether their arguments were kept and which task they ran
    /// again. Dataflow: <see cref="FlowTask"/> bodies (dependencies, inputs kept on engines, results kept), kept values fetched
    /// (<see cref="KeptGetTask"/>), moved engine to engine (<see cref="SendKeptMessage"/>) and freed
    /// (<see cref="FreeKeptMessage"/>); engines say where their direct path listens (<see cref="EngineEndpointMessage"/>);
    /// <see cref="ErrorKind.DependencyFailed"/>; queue status lines carry kept bytes.
    /// 6: tasks for one named engine go in one hop, on the client's direct connection (<see cref="DirectTaskMessage"/>,
    /// <see cref="DirectAbortMessage"/>, answered by <see cref="DirectResultMessage"/> and <see cref="DirectTaskEventMessage"/>),
    /// numbered from blocks the controller grants (<see cref="ControlOp.TaskIds"/>, <see cref="TaskIdBlock"/>); engines
    /// report their outcomes in batches (<see cref="DirectOutcomesMessage"/>, sent at once when a client asks:
    /// <see cref="DirectFlushMessage"/>, <see cref="DirectFlushedMessage"/>), and clients report their aborts
    /// (<see cref="DirectAbortedMessage"/>).
    /// 7: load-balanced tasks go in one hop on leased engine capacity: clients ask for leases (<see cref="LeaseRequestMessage"/>,
    /// kind 12), are granted slots on engines (<see cref="LeaseGrantMessage"/>, kind 28), give them back
    /// (<see cref="LeaseReturnMessage"/>, kind 13) when idle or when the controller revokes them
    /// (<see cref="LeaseRevokeMessage"/>, kind 29); a balanced Submit frame becomes a DirectTask for the leased engine in place.
    /// 8: the controller sees what it cannot hear of from outcomes: engines report how many one-hop tasks they hold
    /// (<see cref="DirectBacklogMessage"/>, kind 67), counted in their load and in queue status (whose lines say how many of
    /// their tasks are one-hop ones, <see cref="EngineQueueLine.OneHop"/>), and clients report the one-hop tasks they failed
    /// when an engine was lost (<see cref="DirectLostMessage"/>, kind 14), which the history records.
    /// 9: a client's flush names one engine (<see cref="DirectFlushMessage"/>), and the engine's answer
    /// (<see cref="DirectFlushedMessage"/>) goes through the controller, behind the outcomes, so the history read after it
    /// finds them.
    /// 10: a lease request may name the engines it is for (<see cref="LeaseRequestMessage.Engines"/>: a load-balanced view
    /// over a subset of the engines).
    /// 11: tasks with a timeout go in one hop: a client's abort of such a task names the timeout it passed
    /// (<see cref="DirectAbortMessage.TimeoutMilliseconds"/>), and an engine tells the controller when such a task was running
    /// (<see cref="DirectTimedOutMessage"/>, kind 68).
    /// </remarks>
    public const ushort Current = 11;
}
