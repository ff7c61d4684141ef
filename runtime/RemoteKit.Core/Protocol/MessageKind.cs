namespace RemoteKit.Protocol;

/// <summary>
/// The first byte of every frame after the length prefix. Each kind's body layout is documented on its message type, and
/// only there: that type writes and reads it.
/// </summary>
internal enum MessageKind : byte
{
    // client -> controller
    /// <summary><see cref="SubmitMessage"/>.</summary>
    Submit = 1,
    /// <summary><see cref="AbortMessage"/>.</summary>
    Abort = 2,
    /// <summary><see cref="CodeQueryMessage"/>.</summary>
    CodeQuery = 3,
    /// <summary><see cref="CodeUploadMessage"/>.</summary>
    CodeUpload = 4,
    /// <summary><see cref="ControlRequestMessage"/>.</summary>
    ControlRequest = 5,
    /// <summary><see cref="StreamAckMessage"/>.</summary>
    StreamAck = 6,
    /// <summary><see cref="TargetSetMessage"/>.</summary>
    TargetSet = 7,
    /// <summary><see cref="ResubmitMessage"/>.</summary>
    Resubmit = 8,
    /// <summary><see cref="FreeKeptMessage"/>, client → controller.</summary>
    FreeKept = 9,
    /// <summary><see cref="KeepMessage"/>, client → controller.</summary>
    Keep = 10,
    /// <summary><see cref="DirectAbortedMessage"/>.</summary>
    DirectAborted = 11,
    /// <summary><see cref="LeaseRequestMessage"/>.</summary>
    LeaseRequest = 12,
    /// <summary><see cref="LeaseReturnMessage"/>.</summary>
    LeaseReturn = 13,
    /// <summary><see cref="DirectLostMessage"/>.</summary>
    DirectLost = 14,

    // controller -> client
    /// <summary><see cref="ResultMessage"/>.</summary>
    Result = 20,
    /// <summary><see cref="EngineSetMessage"/>.</summary>
    EngineSet = 21,
    /// <summary><see cref="CodeQueryReplyMessage"/>.</summary>
    CodeQueryReply = 22,
    /// <summary><see cref="ControlReplyMessage"/>.</summary>
    ControlReply = 23,
    /// <summary><see cref="TaskAttemptsMessage"/>.</summary>
    TaskAttempts = 24,
    /// <summary><see cref="TaskEventMessage"/>.</summary>
    TaskEvent = 25,
    /// <summary><see cref="EngineNoticeMessage"/>.</summary>
    EngineNotice = 26,
    /// <summary><see cref="ControllerStoppingMessage"/>.</summary>
    ControllerStopping = 27,
    /// <summary><see cref="LeaseGrantMessage"/>.</summary>
    LeaseGrant = 28,
    /// <summary><see cref="LeaseRevokeMessage"/>.</summary>
    LeaseRevoke = 29,

    // controller -> engine
    /// <summary><see cref="DispatchMessage"/>.</summary>
    Dispatch = 40,
    /// <summary><see cref="AbortTaskMessage"/>.</summary>
    AbortTask = 41,
    /// <summary><see cref="CodeBundleMessage"/>.</summary>
    CodeBundle = 42,
    /// <summary><see cref="EngineWelcomeMessage"/>.</summary>
    EngineWelcome = 43,
    /// <summary><see cref="StopMessage"/>.</summary>
    Stop = 44,
    /// <summary><see cref="HeartbeatMessage"/>.</summary>
    Heartbeat = 45,
    /// <summary><see cref="StreamCreditMessage"/>.</summary>
    StreamCredit = 46,
    /// <summary><see cref="SendKeptMessage"/>.</summary>
    SendKept = 47,
    /// <summary><see cref="FreeKeptMessage"/>, controller → engine.</summary>
    DropKept = 48,
    /// <summary><see cref="KeepMessage"/>, controller → engine.</summary>
    KeepResult = 49,
    /// <summary><see cref="ChainMessage"/>.</summary>
    Chain = 50,

    // engine -> controller
    /// <summary><see cref="EngineResultMessage"/>.</summary>
    EngineResult = 60,
    /// <summary><see cref="CodeRequestMessage"/>.</summary>
    CodeRequest = 61,
    /// <summary><see cref="HeartbeatReplyMessage"/>.</summary>
    HeartbeatReply = 62,
    /// <summary><see cref="EngineTaskEventMessage"/>.</summary>
    EngineTaskEvent = 63,
    /// <summary><see cref="EngineHelloMessage"/>.</summary>
    EngineHello = 64,
    /// <summary><see cref="EngineEndpointMessage"/>.</summary>
    EngineEndpoint = 65,
    /// <summary><see cref="DirectOutcomesMessage"/>.</summary>
    DirectOutcomes = 66,
    /// <summary><see cref="DirectBacklogMessage"/>.</summary>
    DirectBacklog = 67,
    /// <summary><see cref="DirectTimedOutMessage"/>.</summary>
    DirectTimedOut = 68,

    // client -> controller, watching the cluster
    /// <summary><see cref="MethodNamesMessage"/>.</summary>
    MethodNames = 80,
    /// <summary><see cref="HistoryRequestMessage"/>.</summary>
    HistoryRequest = 81,

    // controller -> client, watching the cluster
    /// <summary><see cref="HistoryReplyMessage"/>.</summary>
    HistoryReply = 90,

    // client <-> engine, on a direct connection for bulk data
    /// <summary><see cref="DirectHelloMessage"/>.</summary>
    DirectHello = 100,
    /// <summary><see cref="DirectDataMessage"/>.</summary>
    DirectData = 101,

    // client <-> engine, on a direct connection: tasks sent in one hop
    /// <summary><see cref="DirectTaskMessage"/>.</summary>
    DirectTask = 102,
    /// <summary><see cref="DirectAbortMessage"/>.</summary>
    DirectAbort = 103,
    /// <summary><see cref="DirectResultMessage"/>.</summary>
    DirectResult = 104,
    /// <summary><see cref="DirectTaskEventMessage"/>.</summary>
    DirectTaskEvent = 105,
    /// <summary><see cref="DirectFlushMessage"/>.</summary>
    DirectFlush = 106,
    /// <summary><see cref="DirectFlushedMessage"/>.</summary>
    DirectFlushed = 107,
}

/// <summary>The first byte of a task body; each kind's layout is on its type.</summary>
internal enum TaskKind : byte
{
    /// <summary><see cref="CallTask"/>.</summary>
    Call = 1,
    /// <summary><see cref="BatchTask"/>, answered by a <see cref="BatchReply"/>.</summary>
    Batch = 2,
    /// <summary><see cref="PushTask"/>.</summary>
    Push = 3,
    /// <summary><see cref="PullTask"/>, answered by a <see cref="PullReply"/>.</summary>
    Pull = 4,
    /// <summary><see cref="ExecuteTask"/>.</summary>
    Execute = 5,
    /// <summary><see cref="ColumnsTask"/>, answered by a <see cref="ColumnsReply"/>.</summary>
    Columns = 6,
    /// <summary><see cref="StreamTask"/>, whose items travel in <see cref="StreamItemsEvent"/>s; answered by a <see cref="StreamReply"/>.</summary>
    Stream = 7,
    /// <summary><see cref="FlowTask"/>: a call or stream with dependencies, inputs kept on engines, or a result to keep.</summary>
    Flow = 9,
    /// <summary><see cref="KeptGetTask"/>: a kept value's bytes, as a call's result payload.</summary>
    KeptGet = 10,
    /// <summary><see cref="KeptPutTask"/>: keeps the value the body carries, answered with <see cref="ResultStatus.Kept"/>.</summary>
    KeptPut = 11,
    /// <summary><see cref="DirectEndpointTask"/>, answered by a <see cref="DirectEndpointReply"/>.</summary>
    DirectEndpoint = 20,
    /// <summary><see cref="DirectPushTask"/>.</summary>
    DirectPush = 21,
    /// <summary><see cref="DirectPullTask"/>, answered by a <see cref="DirectPullReply"/>.</summary>
    DirectPull = 22,
}

/// <summary>What became of an engine that left without being asked to (<see cref="EngineNoticeMessage"/>).</summary>
internal enum EngineFate : byte
{
    /// <summary>Declared lost (silent, or its connection broke): its tasks ran elsewhere or failed; it may come back within the readmission grace.</summary>
    Lost = 1,

    /// <summary>Came back within the grace and was re-admitted with its id and namespace.</summary>
    Readmitted = 2,

    /// <summary>Gone for good: its grace passed, or it was recycled. Whoever started it ends what is left of it and starts a replacement.</summary>
    Ended = 3,
}

/// <summary>What a task event (<see cref="EngineTaskEventMessage"/>, <see cref="TaskEventMessage"/>) carries; each kind's layout is on its type.</summary>
internal enum TaskEventKind : byte
{
    /// <summary><see cref="OutputEvent"/>: what the task printed since the last one.</summary>
    Output = 1,
    /// <summary><see cref="StreamItemsEvent"/>: a batch of a stream's items.</summary>
    StreamItems = 2,
    /// <summary><see cref="ProgressEvent"/>: the latest value the task reported to its <c>IProgress&lt;T&gt;</c>.</summary>
    Progress = 3,
    /// <summary><see cref="DataEvent"/>: a value the task published under a name.</summary>
    Data = 4,
    /// <summary>
    /// <see cref="ResubmittedEvent"/>: sent by the controller itself (never by an engine) when a resubmitted task reaches its
    /// first engine: the task's controller task id.
    /// </summary>
    Resubmitted = 5,
}

/// <summary>The stream a piece of a task's output was written to (<see cref="OutputEvent"/>).</summary>
internal enum OutputStreamKind : byte
{
    /// <summary><c>Console.Out</c>.</summary>
    Stdout = 1,
    /// <summary><c>Console.Error</c>.</summary>
    Stderr = 2,
}

/// <summary>The first byte of a result body (<see cref="ResultBody"/>).</summary>
internal enum ResultStatus : byte
{
    /// <summary>The payload is the task's value.</summary>
    Ok = 0,
    /// <summary>The payload is an <see cref="ErrorPayload"/>.</summary>
    Error = 1,
    /// <summary>The task succeeded and its engine kept the value: the payload is a <see cref="KeptReply"/>.</summary>
    Kept = 2,
}

/// <summary>Operations of a <see cref="ControlRequestMessage"/>.</summary>
internal enum ControlOp : byte
{
    /// <summary>Answered by a <see cref="QueueStatusReply"/>.</summary>
    QueueStatus = 1,
    /// <summary>Stop every engine and the controller; answered by an empty reply before stopping.</summary>
    Shutdown = 2,
    /// <summary>
    /// Reserve a block of task ids for tasks the client sends engines in one hop; the request carries the client's direct id
    /// (<see cref="DirectHelloMessage"/>), the reply is a <see cref="TaskIdBlock"/>.
    /// </summary>
    TaskIds = 3,
}
