namespace RemoteKit.Configuration;

/// <summary>
/// The configuration keys of the controller's, the engines' and the dashboard's options, named once: their options classes
/// take their sections from here, and whoever configures a process it starts (the embedded <c>Cluster</c>, the CLI) sets
/// these keys. Each class mirrors one options class, and a unit test checks that every key names one of its properties.
/// </summary>
internal static class SettingKeys
{
    /// <summary><c>ControllerOptions</c>.</summary>
    public static class Controller
    {
        public const string Section = "RemoteKit:Controller";
        public const string Ip = Section + ":Ip";
        public const string Port = Section + ":Port";
        public const string Location = Section + ":Location";
        public const string Key = Section + ":Key";
        public const string Tls = Section + ":Tls";
        public const string Certificate = Section + ":Certificate";
        public const string EngineTaskLimit = Section + ":EngineTaskLimit";
        public const string ClientConnectionFile = Section + ":ClientConnectionFile";
        public const string EngineConnectionFile = Section + ":EngineConnectionFile";
        public const string Restore = Section + ":Restore";
    }

    /// <summary><c>TaskHistoryOptions</c>.</summary>
    public static class History
    {
        public const string Section = Controller.Section + ":History";
        public const string Path = Section + ":Path";
    }

    /// <summary><c>DashboardOptions</c>.</summary>
    public static class Dashboard
    {
        public const string Section = Controller.Section + ":Dashboard";
        public const string Enabled = Section + ":Enabled";
        public const string Address = Section + ":Address";
        public const string Port = Section + ":Port";
        public const string Token = Section + ":Token";
        public const string UrlFile = Section + ":UrlFile";
    }

    /// <summary><c>EngineOptions</c>.</summary>
    public static class Engine
    {
        public const string Section = "RemoteKit:Engine";
        public const string ConnectionFile = Section + ":ConnectionFile";
        public const string Host = Section + ":Host";
        public const string Port = Section + ":Port";
        public const string Key = Section + ":Key";
        public const string TlsFingerprint = Section + ":TlsFingerprint";
        public const string Count = Section + ":Count";
        public const string LaunchId = Section + ":LaunchId";
        public const string LaunchIndexVariable = Section + ":LaunchIndexVariable";
        public const string Ssh = Section + ":Ssh";
        public const string SshConfigFile = Section + ":SshConfigFile";
        public const string ControllerRestartWait = Section + ":ControllerRestartWait";
    }

    /// <summary><c>ScriptServerOptions</c>: the per-host compile service of <c>Execute</c>, for engines and the server itself.</summary>
    public static class ScriptServer
    {
        public const string Section = "RemoteKit:ScriptServer";
        public const string Enabled = Section + ":Enabled";
        public const string Directory = Section + ":Directory";
        public const string IdleTimeout = Section + ":IdleTimeout";
    }

    /// <summary><c>RemoteKitClientOptions</c>.</summary>
    public static class Client
    {
        public const string Section = "RemoteKit:Client";
    }

    /// <summary>Switches of RemoteKit's own diagnostics.</summary>
    public static class Diagnostics
    {
        public const string StartupTrace = "RemoteKit:Diagnostics:StartupTrace";
    }

    /// <summary>The command-line form of a setting: <c>--RemoteKit:Controller:Port=0</c>.</summary>
    public static string Argument(string key, string value) => $"--{key}={value}";

    /// <summary>The environment variable of a setting: <c>REMOTEKIT__CONTROLLER__KEY</c> (for secrets, never on a command line).</summary>
    public static string EnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();
}
