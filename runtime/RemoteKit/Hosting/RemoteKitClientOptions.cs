namespace RemoteKit;

/// <summary>
/// How <see cref="RemoteKitClientProvider"/> connects, bound from the <c>RemoteKit:Client</c> configuration section.
/// The first of <see cref="ConnectionFile"/> and <see cref="Profile"/> that is set wins; with neither, the <c>default</c> profile.
/// </summary>
public sealed class RemoteKitClientOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = Configuration.SettingKeys.Client.Section;

    /// <summary>A connection file (<c>remotekit-client.json</c>) to connect through.</summary>
    public string? ConnectionFile { get; set; }

    /// <summary>The profile whose running cluster to connect to; <see langword="null"/> means <c>default</c>.</summary>
    public string? Profile { get; set; }

    /// <summary>How long to wait for the connection file and the controller.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the client connects when the host starts (the default), so the host fails to start if no cluster answers
    /// within <see cref="ConnectTimeout"/>; <see langword="false"/> connects on first use instead.
    /// </summary>
    public bool ConnectAtStart { get; set; } = true;
}
