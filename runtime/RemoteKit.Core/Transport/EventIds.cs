using Microsoft.Extensions.Logging;

namespace RemoteKit.Transport;

/// <summary>
/// Event ids of the transport's, the controller's and the engine's log messages (1000–1099). Other ranges live beside their
/// code: the client's in <c>RemoteKit/Client/ClientLog.cs</c> (1100–1199), the launchers' in
/// <c>RemoteKit.Core/Launchers/</c> (400–499), and the CLI's in <c>RemoteKit.Cli/ClusterHost.cs</c> (100–199).
/// </summary>
internal static class EventIds
{
    public static readonly EventId ConnectionClosed = new(1001, nameof(ConnectionClosed));
    public static readonly EventId FrameTooLarge = new(1002, nameof(FrameTooLarge));
    public static readonly EventId ProtocolViolation = new(1003, nameof(ProtocolViolation));
    public static readonly EventId FrameDeadlineMissed = new(1005, nameof(FrameDeadlineMissed));
    public static readonly EventId HandshakeRefused = new(1004, nameof(HandshakeRefused));
    public static readonly EventId Listening = new(1010, nameof(Listening));
    public static readonly EventId EngineRegistered = new(1011, nameof(EngineRegistered));
    public static readonly EventId EngineLost = new(1012, nameof(EngineLost));
    public static readonly EventId ClientConnected = new(1013, nameof(ClientConnected));
    public static readonly EventId ClientDisconnected = new(1014, nameof(ClientDisconnected));
    public static readonly EventId ShutdownRequested = new(1015, nameof(ShutdownRequested));
    public static readonly EventId EngineConnected = new(1020, nameof(EngineConnected));
    public static readonly EventId ControllerLost = new(1021, nameof(ControllerLost));
    public static readonly EventId TaskFailed = new(1023, nameof(TaskFailed));
    public static readonly EventId ControllerSilent = new(1024, nameof(ControllerSilent));
    public static readonly EventId LateResultDropped = new(1016, nameof(LateResultDropped));
    public static readonly EventId TaskRetried = new(1017, nameof(TaskRetried));
    public static readonly EventId TaskTimedOut = new(1018, nameof(TaskTimedOut));
    public static readonly EventId EngineRecycled = new(1019, nameof(EngineRecycled));
    public static readonly EventId ClientSilent = new(1025, nameof(ClientSilent));
    public static readonly EventId DirectListening = new(1030, nameof(DirectListening));
    public static readonly EventId DirectRefused = new(1031, nameof(DirectRefused));
}
