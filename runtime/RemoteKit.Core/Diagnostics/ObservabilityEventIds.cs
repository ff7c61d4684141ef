using Microsoft.Extensions.Logging;

namespace RemoteKit.Diagnostics;

/// <summary>Event ids of the observability components' log messages (the 1100 range; the rest are in Transport's EventIds).</summary>
internal static class ObservabilityEventIds
{
    public static readonly EventId HistoryOpened = new(1100, nameof(HistoryOpened));
    public static readonly EventId HistoryRecordsDropped = new(1101, nameof(HistoryRecordsDropped));
    public static readonly EventId HistoryWriteFailed = new(1102, nameof(HistoryWriteFailed));
    public static readonly EventId DashboardListening = new(1110, nameof(DashboardListening));
    public static readonly EventId DashboardRefused = new(1111, nameof(DashboardRefused));
}
