using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RemoteKit.Configuration;
using RemoteKit.Connections;
using RemoteKit.Controller;
using RemoteKit.Security;

namespace RemoteKit.Cli;

/// <summary>
/// A controller placed elsewhere (an SSH host, a batch job). Its secrets are made here: the key (kept across restarts) and
/// the TLS certificate (the profile's <c>security/remotekit-controller.pfx</c>), handed to it in its environment, never on
/// a command line. It runs without a profile and writes no files; once it listens it prints one line
/// (<see cref="ControllerAnnouncement"/>: address, port, certificate pin, no key), from which this process writes the
/// profile's connection files here, where clients, <c>remotekit status</c> and the cluster's engines look for them.
/// </summary>
internal abstract class PlacedControllerLauncher : ControllerLauncher
{
    private readonly Lazy<(string Key, string? Certificate, string? Fingerprint)> _secrets;
    private ConnectionInfo? _last;

    protected PlacedControllerLauncher(ClusterRequest request, IConfiguration configuration, ILoggerFactory loggers)
    {
        Request = request;
        Configuration = configuration;
        Loggers = loggers;
        _secrets = new(MakeSecrets);
    }

    protected ClusterRequest Request { get; }

    protected IConfiguration Configuration { get; }

    protected ILoggerFactory Loggers { get; }

    protected ClusterSettings Settings => Request.Settings;

    /// <summary>The shell command that runs the controller where it is placed, announcing where it listens.</summary>
    protected string ControllerCommand(bool supervised) =>
        (Settings.Controller.Command is { Length: > 0 } own ? own : ChildProcesses.Self("controller").ToShell()) + " --announce" + (supervised ? " --supervised" : "");

    /// <summary>
    /// The controller's settings as environment variables: the profile's <c>RemoteKit:Controller</c> section and the command
    /// line's (without this machine's file paths and the dashboard, which a placed controller does not serve), its key and
    /// certificate, and when restoring the last one's port. <paramref name="secrets"/> lists the names that hold secrets.
    /// </summary>
    protected Dictionary<string, string> Environment(bool restore, out IReadOnlyList<string> secrets, string? location = null)
    {
        var skipped = new[]
        {
            SettingKeys.Controller.ClientConnectionFile, SettingKeys.Controller.EngineConnectionFile, SettingKeys.Controller.Key, SettingKeys.Controller.Certificate,
            SettingKeys.Controller.Section + ":CertificateFile", SettingKeys.Controller.Restore, SettingKeys.History.Path, SettingKeys.Dashboard.Section,
        };
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Configuration.GetSection(SettingKeys.Controller.Section).AsEnumerable())
        {
            if (value is not null && !skipped.Any(s => key.Equals(s, StringComparison.OrdinalIgnoreCase) || key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
            {
                environment[SettingKeys.EnvironmentVariable(key)] = value;
            }
        }

        if (location is not null && string.IsNullOrEmpty(Configuration[SettingKeys.Controller.Location]))
        {
            environment[SettingKeys.EnvironmentVariable(SettingKeys.Controller.Location)] = location;
        }

        if (restore && _last is { } last)
        {
            environment[SettingKeys.EnvironmentVariable(SettingKeys.Controller.Port)] = last.Port.ToString(CultureInfo.InvariantCulture);
            environment[SettingKeys.EnvironmentVariable(SettingKeys.Controller.Restore)] = "true";
        }

        var (controllerKey, certificate, _) = _secrets.Value;
        var secret = new List<string> { SettingKeys.EnvironmentVariable(SettingKeys.Controller.Key) };
        environment[secret[0]] = controllerKey;
        if (certificate is not null)
        {
            secret.Add(SettingKeys.EnvironmentVariable(SettingKeys.Controller.Certificate));
            environment[secret[1]] = certificate;
        }

        secrets = secret;
        return environment;
    }

    /// <summary>
    /// Where the controller announced it listens, as the profile's connection files here: written with the key made here and
    /// no process id (it is not a process of this machine).
    /// </summary>
    protected ConnectionInfo Publish(ControllerAnnouncement announced)
    {
        var (key, _, fingerprint) = _secrets.Value;
        if (fingerprint is not null && !string.Equals(fingerprint, announced.TlsFingerprint, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("The placed controller announced another TLS certificate than the one it was given.");
        }

        var info = new ConnectionInfo { Host = announced.Host, Port = announced.Port, Key = key, TlsFingerprint = announced.TlsFingerprint, Protocol = announced.Protocol };
        Request.Profile.EnsureDirectories();
        info.Save(Request.Profile.ClientConnectionFile);
        info.Save(Request.Profile.EngineConnectionFile);
        _last = info;
        return info;
    }

    /// <summary>Reads a connection file; null while it is missing or being written.</summary>
    public static ConnectionInfo? TryLoad(string path)
    {
        try
        {
            return File.Exists(path) ? ConnectionInfo.Load(path) : null;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException)
        {
            return null;
        }
    }

    private (string Key, string? Certificate, string? Fingerprint) MakeSecrets()
    {
        var ip = Configuration[SettingKeys.Controller.Ip] ?? ClusterAddress.Any;
        var key = Configuration[SettingKeys.Controller.Key] is { Length: > 0 } configured ? configured : ConnectionInfo.CreateNew(ip, 0).Key;
        if (!ClusterAddress.UsesTls(ip, Configuration.GetValue<bool?>(SettingKeys.Controller.Tls)))
        {
            return (key, null, null);
        }

        // The profile's certificate, as a local controller would use: the pin in connection files stays the same across restarts.
        Request.Profile.EnsureDirectories();
        using var certificate = Configuration[SettingKeys.Controller.Certificate] is { Length: > 0 } given
            ? TlsChannel.FromBase64(given)
            : TlsChannel.LoadOrCreate(Path.Combine(Request.Profile.SecurityDirectory, "remotekit-controller.pfx"));
        return (key, TlsChannel.ToBase64(certificate), TlsChannel.Fingerprint(certificate));
    }
}

/// <summary>
/// The one line a controller run with <c>--announce</c> prints on its standard output once it listens: where (its
/// location, port, certificate pin and process id), never its key.
/// </summary>
internal sealed record ControllerAnnouncement
{
    public const string Prefix = "remotekit-controller ";

    [JsonPropertyName("ip")]
    public required string Host { get; init; }

    [JsonPropertyName("port")]
    public required int Port { get; init; }

    [JsonPropertyName("tls_sha256")]
    public string? TlsFingerprint { get; init; }

    [JsonPropertyName("pid")]
    public int Pid { get; init; }

    [JsonPropertyName("protocol")]
    public int Protocol { get; init; }

    public string ToLine() => Prefix + JsonSerializer.Serialize(this, ControllerAnnouncementJson.Default.ControllerAnnouncement);

    /// <summary>The announcement in <paramref name="line"/>, or null if it is another line.</summary>
    public static ControllerAnnouncement? TryParse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(line.AsSpan(Prefix.Length).Trim(), ControllerAnnouncementJson.Default.ControllerAnnouncement);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary><c>remotekit controller --announce</c>: prints the <see cref="ControllerAnnouncement"/> once the controller listens.</summary>
internal sealed class ControllerAnnouncer(ControllerService controller) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var info = await controller.Listening.WaitAsync(stoppingToken).ConfigureAwait(false);
        var line = new ControllerAnnouncement { Host = info.Host, Port = info.Port, TlsFingerprint = info.TlsFingerprint, Pid = System.Environment.ProcessId, Protocol = info.Protocol }.ToLine();
        await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
        await Console.Out.FlushAsync(stoppingToken).ConfigureAwait(false);
    }
}

[JsonSerializable(typeof(ControllerAnnouncement))]
internal sealed partial class ControllerAnnouncementJson : JsonSerializerContext
{
}
