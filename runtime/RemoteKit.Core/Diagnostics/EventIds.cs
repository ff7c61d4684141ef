using Microsoft.Extensions.Logging;

namespace RemoteKit.Diagnostics;

/// <summary>
/// Every event id RemoteKit logs with, in one table: <see cref="Ranges"/> says which part of RemoteKit owns which numbers,
/// and a unit test checks that no two events share an id and that each lies in its owner's range. Events logged through
/// <c>[LoggerMessage]</c> take the constants; the others take the <see cref="EventId"/> values, which carry a name.
/// </summary>
internal static class EventIds
{
    /// <summary>Who owns which ids. A new event goes into its owner's range.</summary>
    public static readonly IReadOnlyList<(int From, int To, string Owner)> Ranges =
    [
        (100, 199, "the remotekit CLI"),
        (400, 499, "launchers, engine supervision and the embedded cluster"),
        (1000, 1009, "frames and connections"),
        (1010, 1029, "the controller and the engines"),
        (1030, 1039, "the engines' direct path for bulk data"),
        (1040, 1049, "the startup trace"),
        (1050, 1069, "the controller and the engines: pauses, re-admission, tasks that kill engines"),
        (1100, 1119, "the client"),
        (1120, 1129, "the dashboard"),
        (1130, 1139, "the task history"),
        (1140, 1149, "the script server and the engines' way to it"),
        (2100, 2199, "the notebook kernel"),
    ];

    // 100–199: the remotekit CLI.
    public const int ClusterReady = 100;
    public const int ClusterStartFailed = 101;
    public const int ClusterControllerStopped = 102;
    public const int ClusterRestored = 103;

    // 400–499: launchers, engine supervision and the embedded cluster.
    public static readonly EventId ChildOutput = new(400, nameof(ChildOutput));
    public const int EnginesLaunched = 401;
    public const int EngineEnded = 402;
    public const int EngineRestarting = 403;
    public const int EngineRestartLimit = 404;
    public const int EngineRestartFailed = 405;
    public const int EnginesWaiting = 406;
    public const int EngineStopFailed = 407;
    public const int EngineNotReplaced = 408;
    public const int LostEngineEnding = 409;
    public const int EnginesLeftRunning = 410;
    public const int LostEngineLeft = 411;
    public const int EnginesAdopted = 412;
    public const int LostEngineEndFailed = 413;
    public const int EnginesNotAdopted = 414;
    public const int ControllerRestarted = 430;
    public const int ControllerRestartsExhausted = 431;

    // 1000–1009: frames and connections.
    public static readonly EventId ConnectionClosed = new(1001, nameof(ConnectionClosed));
    public static readonly EventId FrameTooLarge = new(1002, nameof(FrameTooLarge));
    public static readonly EventId ProtocolViolation = new(1003, nameof(ProtocolViolation));
    public static readonly EventId HandshakeRefused = new(1004, nameof(HandshakeRefused));
    public static readonly EventId FrameDeadlineMissed = new(1005, nameof(FrameDeadlineMissed));

    // 1010–1029: the controller and the engines.
    public static readonly EventId Listening = new(1010, nameof(Listening));
    public static readonly EventId EngineRegistered = new(1011, nameof(EngineRegistered));
    public static readonly EventId EngineLost = new(1012, nameof(EngineLost));
    public static readonly EventId ClientConnected = new(1013, nameof(ClientConnected));
    public static readonly EventId ClientDisconnected = new(1014, nameof(ClientDisconnected));
    public static readonly EventId ShutdownRequested = new(1015, nameof(ShutdownRequested));
    public static readonly EventId LateResultDropped = new(1016, nameof(LateResultDropped));
    public static readonly EventId TaskRetried = new(1017, nameof(TaskRetried));
    public static readonly EventId TaskTimedOut = new(1018, nameof(TaskTimedOut));
    public static readonly EventId EngineRecycled = new(1019, nameof(EngineRecycled));
    public static readonly EventId EngineConnected = new(1020, nameof(EngineConnected));
    public static readonly EventId ControllerLost = new(1021, nameof(ControllerLost));
    public static readonly EventId ConnectionFailed = new(1022, nameof(ConnectionFailed));
    public static readonly EventId TaskFailed = new(1023, nameof(TaskFailed));
    public static readonly EventId ControllerSilent = new(1024, nameof(ControllerSilent));
    public static readonly EventId ClientSilent = new(1025, nameof(ClientSilent));
    public static readonly EventId ConnectionFileNotRemoved = new(1026, nameof(ConnectionFileNotRemoved));

    // 1030–1039: the engines' direct path for bulk data.
    public static readonly EventId DirectListening = new(1030, nameof(DirectListening));
    public static readonly EventId DirectRefused = new(1031, nameof(DirectRefused));

    // 1040–1049: the startup trace.
    public static readonly EventId StartupTrace = new(1040, nameof(StartupTrace));

    // 1050–1069: the controller and the engines: pauses, re-admission, tasks that kill engines.
    public static readonly EventId ControllerPaused = new(1050, nameof(ControllerPaused));
    public static readonly EventId EngineReadmitted = new(1051, nameof(EngineReadmitted));
    public static readonly EventId ReadmissionRefused = new(1052, nameof(ReadmissionRefused));
    public static readonly EventId LostEngineEnded = new(1053, nameof(LostEngineEnded));
    public static readonly EventId TaskKilledEngines = new(1054, nameof(TaskKilledEngines));
    public static readonly EventId EngineRejoining = new(1055, nameof(EngineRejoining));
    public static readonly EventId TasksRecalled = new(1056, nameof(TasksRecalled));
    public static readonly EventId ConnectRetried = new(1057, nameof(ConnectRetried));
    public static readonly EventId LeaseRevoked = new(1058, nameof(LeaseRevoked));
    public static readonly EventId TaskLoopFailed = new(1059, nameof(TaskLoopFailed));

    // 1100–1119: the client.
    public static readonly EventId ShipmentRetried = new(1101, nameof(ShipmentRetried));
    public static readonly EventId ShipmentFailed = new(1102, nameof(ShipmentFailed));
    public static readonly EventId WaitingForCluster = new(1103, nameof(WaitingForCluster));
    public static readonly EventId ControllerNotReachable = new(1104, nameof(ControllerNotReachable));
    public static readonly EventId DirectPathUnavailable = new(1105, nameof(DirectPathUnavailable));
    public static readonly EventId ControllerReconnecting = new(1110, nameof(ControllerReconnecting));
    public static readonly EventId ControllerReconnected = new(1111, nameof(ControllerReconnected));

    // 1120–1129: the dashboard.
    public static readonly EventId DashboardListening = new(1120, nameof(DashboardListening));
    public static readonly EventId DashboardSnapshotFailed = new(1121, nameof(DashboardSnapshotFailed));
    public static readonly EventId DashboardRequestRefused = new(1122, nameof(DashboardRequestRefused));
    public static readonly EventId DashboardWithoutMonitoring = new(1123, nameof(DashboardWithoutMonitoring));

    // 1130–1139: the task history.
    public static readonly EventId TaskHistoryOpened = new(1130, nameof(TaskHistoryOpened));
    public static readonly EventId TaskHistoryEventsDropped = new(1131, nameof(TaskHistoryEventsDropped));
    public static readonly EventId TaskHistoryWriteFailed = new(1132, nameof(TaskHistoryWriteFailed));
    public static readonly EventId TaskResubmitted = new(1133, nameof(TaskResubmitted));
    public static readonly EventId TaskResubmitRefused = new(1134, nameof(TaskResubmitRefused));

    // 1140–1149: the script server and the engines' way to it.
    public static readonly EventId ScriptServerFallback = new(1140, nameof(ScriptServerFallback));
    public static readonly EventId ScriptServerStarting = new(1141, nameof(ScriptServerStarting));
    public static readonly EventId ScriptServerListening = new(1142, nameof(ScriptServerListening));
    public static readonly EventId ScriptServerRejected = new(1143, nameof(ScriptServerRejected));
    public static readonly EventId ScriptServerStopped = new(1144, nameof(ScriptServerStopped));

    // 2100–2199: the notebook kernel.
    public const int KernelBadMessage = 2100;
    public const int KernelUnknownRequest = 2101;
    public const int KernelRequestFailed = 2102;
}
