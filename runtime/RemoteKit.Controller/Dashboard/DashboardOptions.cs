namespace RemoteKit.Controller.Dashboard;

/// <summary>
/// Settings of the controller's live dashboard, bound from configuration section <c>RemoteKit:Controller:Dashboard</c>.
/// The dashboard is off unless <see cref="Enabled"/> is set.
/// </summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "RemoteKit:Controller:Dashboard";

    /// <summary>Whether the controller serves the dashboard.</summary>
    public bool Enabled { get; set; }

    /// <summary>The address to listen on; anything but a loopback address needs a non-empty <see cref="Token"/>.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// The token every request must carry: <c>?token=</c> in the URL (which also sets a cookie for the page's own requests),
    /// or an <c>Authorization: token …</c> header.
    /// <see langword="null"/>: a fresh random token for this run. Empty: no token, allowed on loopback only.
    /// </summary>
    public string? Token { get; set; }
}
