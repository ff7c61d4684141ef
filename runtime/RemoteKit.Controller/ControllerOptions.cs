namespace RemoteKit.Controller;

/// <summary>Settings of a controller, bound from configuration section <c>RemoteKit:Controller</c>.</summary>
public sealed class ControllerOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "RemoteKit:Controller";

    /// <summary>The address to listen on. Use <c>0.0.0.0</c> to accept engines from other hosts.</summary>
    public string Ip { get; set; } = "127.0.0.1";

    /// <summary>The address written into connection files for others to reach this controller (defaults to <see cref="Ip"/>, or the host name when listening on all addresses).</summary>
    public string? Location { get; set; }

    /// <summary>The TCP port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The shared key (base64). Empty: a fresh random key is generated.</summary>
    public string? Key { get; set; }

    /// <summary>Where to write the client connection file once listening (optional).</summary>
    public string? ClientConnectionFile { get; set; }

    /// <summary>Where to write the engine connection file once listening (optional).</summary>
    public string? EngineConnectionFile { get; set; }

    /// <summary>Frames larger than this close the connection that sent them.</summary>
    public long MaxFrameBytes { get; set; } = Transport.Connector.DefaultMaxFrameBytes;

    /// <summary>How many load-balanced tasks one engine may hold at once (running plus queued); more wait at the controller.</summary>
    public int EngineTaskLimit { get; set; } = 16;

    /// <summary>How long a new connection has to complete the handshake.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
