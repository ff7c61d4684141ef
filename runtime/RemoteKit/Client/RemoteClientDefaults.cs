namespace RemoteKit;

/// <summary>The client's defaults, each defined once.</summary>
internal static class RemoteClientDefaults
{
    /// <summary>How long connecting waits for a connection file and for the controller.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a client whose controller was lost tries to reconnect to it (a restarted controller) before giving up.</summary>
    public static readonly TimeSpan ReconnectWindow = TimeSpan.FromMinutes(2);

    /// <summary>How long <see cref="RemoteClient.WaitForEnginesAsync"/> waits.</summary>
    public static readonly TimeSpan EngineWaitTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How often a code bundle is offered to the controller before the tasks needing it fail.</summary>
    public const int ShipAttempts = 4;

    /// <summary>How often the client checks that the controller's heartbeats still arrive.</summary>
    public static readonly TimeSpan HeartbeatCheck = TimeSpan.FromMilliseconds(500);

    /// <summary>The pause after the first failed shipment; it doubles after each further one.</summary>
    public static readonly TimeSpan ShipRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>How long one shipment waits for the controller to answer whether it has the bundle.</summary>
    public static readonly TimeSpan ShipReplyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Load-balanced map chunks in flight (or streamed but not yet read) per engine.</summary>
    public const int MapChunksPerEngine = 8;

    /// <summary>The fewest load-balanced map chunks in flight, whatever the number of engines.</summary>
    public const int MinMapWindow = 16;

    /// <summary>How many failures an aggregate error's message quotes before it only counts the rest.</summary>
    public const int FailuresQuoted = 3;

    /// <summary>Characters of live output a result keeps for a reader that lags (<see cref="AsyncResult.Output"/>); beyond, pieces are counted as dropped.</summary>
    public const int OutputBufferChars = 1024 * 1024;

    /// <summary>Pieces of live output a result keeps for a reader that lags.</summary>
    public const int OutputBufferPieces = 16 * 1024;
}
