namespace RemoteKit.Dashboard;

/// <summary>Settings of the controller's live dashboard, bound from configuration section <c>RemoteKit:Controller:Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = Configuration.SettingKeys.Dashboard.Section;

    /// <summary>Whether the controller serves the dashboard. Off unless asked for.</summary>
    public bool Enabled { get; set; }

    /// <summary>The address to listen on: an IP address, <c>localhost</c>, or <c>*</c> for every address.</summary>
    public string Address { get; set; } = Connections.ClusterAddress.Loopback;

    /// <summary>The TCP port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// The token the URL must carry (as Jupyter's does). <see langword="null"/>: a fresh random token. Empty: no token,
    /// allowed only when <see cref="Address"/> is a loopback address.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// Where the controller writes the dashboard's URL, token included, once it listens (mode 0600; removed when it stops):
    /// the CLI uses <c>security/remotekit-dashboard.url</c> in the profile. <see langword="null"/>: nowhere.
    /// </summary>
    public string? UrlFile { get; set; }

    /// <summary>How often, at most, open pages receive a new snapshot.</summary>
    public TimeSpan UpdateInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a point is added to the task-rate and queue-length charts.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many chart points are kept (300 at one a second: the last five minutes).</summary>
    public int SampleCount { get; set; } = 300;
}
