namespace RemoteKit.Protocol;

/// <summary>The first byte of every frame after the length prefix. Bodies are described beside each kind.</summary>
internal enum MessageKind : byte
{
    // client -> controller
    /// <summary>[u64 client task id][i32 target: engine id, or -1 load-balanced][task body].</summary>
    Submit = 1,
    /// <summary>[i32 n][u64 client task id]*n.</summary>
    Abort = 2,
    /// <summary>[u64 request id][32 bundle hash] → <see cref="CodeQueryReply"/>.</summary>
    CodeQuery = 3,
    /// <summary>[bundle with assembly bytes].</summary>
    CodeUpload = 4,
    /// <summary>[u64 request id][u8 op][...] → <see cref="ControlReply"/>.</summary>
    ControlRequest = 5,

    // controller -> client
    /// <summary>[u64 client task id][result body].</summary>
    Result = 20,
    /// <summary>[i32 n][i32 engine id]*n: the current engines; sent on connect and on every change.</summary>
    EngineSet = 21,
    /// <summary>[u64 request id][u8 has bundle].</summary>
    CodeQueryReply = 22,
    /// <summary>[u64 request id][op-specific].</summary>
    ControlReply = 23,

    // controller -> engine
    /// <summary>[u64 task id][task body].</summary>
    Dispatch = 40,
    /// <summary>[u64 task id].</summary>
    AbortTask = 41,
    /// <summary>[bundle with assembly bytes].</summary>
    CodeBundle = 42,
    /// <summary>[i32 engine id][i32 engine count]: sent on registration and whenever the count changes.</summary>
    EngineWelcome = 43,
    /// <summary>Empty: the engine should exit.</summary>
    Stop = 44,

    // engine -> controller
    /// <summary>[u64 task id][result body].</summary>
    EngineResult = 60,
    /// <summary>[32 bundle hash].</summary>
    CodeRequest = 61,
}

/// <summary>The first byte of a task body.</summary>
internal enum TaskKind : byte
{
    /// <summary>[u64 method id][32 bundle hash][arguments].</summary>
    Call = 1,
    /// <summary>[u64 method id][32 bundle hash][i32 n][blob arguments]*n → [i32 n][blob result]*n.</summary>
    Batch = 2,
    /// <summary>[i32 n]([string name][string type][blob value])*n.</summary>
    Push = 3,
    /// <summary>[i32 n][string name]*n → [i32 n]([string type][blob value])*n.</summary>
    Pull = 4,
    /// <summary>[string code]: a C# script run against the namespace.</summary>
    Execute = 5,
}

/// <summary>The first byte of a result body.</summary>
internal enum ResultStatus : byte
{
    /// <summary>[common][payload].</summary>
    Ok = 0,
    /// <summary>[common][string type][string message][string stack trace].</summary>
    Error = 1,
}

/// <summary>Operations of <see cref="MessageKind.ControlRequest"/>.</summary>
internal enum ControlOp : byte
{
    /// <summary>→ [i32 unassigned][i32 n]([i32 engine][i32 queued][i32 running][i64 completed])*n.</summary>
    QueueStatus = 1,
    /// <summary>Stop every engine and the controller. → empty reply before stopping.</summary>
    Shutdown = 2,
}
