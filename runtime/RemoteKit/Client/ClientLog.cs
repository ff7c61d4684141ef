using Microsoft.Extensions.Logging;

namespace RemoteKit;

/// <summary>Event ids of the client's log messages (1100–1199; the roles' shared ones are in <c>Transport/EventIds</c>).</summary>
internal static class ClientLog
{
    public static readonly EventId ShipmentRetried = new(1101, nameof(ShipmentRetried));
    public static readonly EventId ShipmentFailed = new(1102, nameof(ShipmentFailed));
    public static readonly EventId WaitingForCluster = new(1103, nameof(WaitingForCluster));
    public static readonly EventId ControllerNotReachable = new(1104, nameof(ControllerNotReachable));
    public static readonly EventId DirectPathUnavailable = new(1105, nameof(DirectPathUnavailable));
}
