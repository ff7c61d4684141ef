using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RemoteKit.Launchers;

namespace RemoteKit.Cli;

/// <summary>
/// What a running <c>cluster start</c> records in <c>profile_NAME/run/cluster.json</c>: its own process, and every engine
/// unit it launched (process ids, job ids, remote process ids), rewritten as engines are replaced, so that
/// <c>cluster stop</c> can stop all of them even if the cluster process is gone.
/// </summary>
internal sealed record ClusterState
{
    /// <summary>The process running the controller and supervising the engines.</summary>
    [JsonPropertyName("pid")]
    public required int Pid { get; init; }

    /// <summary>Where the controller listens (no key).</summary>
    [JsonPropertyName("controller")]
    public required string Controller { get; init; }

    /// <summary>The launcher the cluster uses.</summary>
    [JsonPropertyName("launcher")]
    [JsonConverter(typeof(JsonStringEnumConverter<EngineLauncherKind>))]
    public required EngineLauncherKind Launcher { get; init; }

    /// <summary>Whether every engine registered (a starting cluster records its units before).</summary>
    [JsonPropertyName("ready")]
    public bool Ready { get; init; }

    /// <summary>While starting: the latest progress line (jobs pending or running).</summary>
    [JsonPropertyName("progress")]
    public string? Progress { get; init; }

    /// <summary>The engine units running now.</summary>
    [JsonPropertyName("units")]
    public required EngineUnit[] Units { get; init; }

    /// <summary>A controller placed elsewhere (<c>--controller ssh|slurm|pbs</c>): its remote process or job, which <c>cluster stop</c> ends if it outlived the cluster process.</summary>
    [JsonPropertyName("controllerUnit")]
    public EngineUnit? ControllerUnit { get; init; }

    /// <summary>The launcher settings given on the command line, which stopping the units may need (SSH settings, ...).</summary>
    [JsonPropertyName("launch")]
    public LaunchArguments Launch { get; init; } = new();

    /// <summary>How many engines each engine process runs (<c>--engines-per-process</c>).</summary>
    [JsonPropertyName("enginesPerProcess")]
    public int EnginesPerProcess { get; init; } = 1;

    /// <summary>How many engines the units run: each unit's processes times <see cref="EnginesPerProcess"/>.</summary>
    [JsonIgnore]
    public int EngineCount => Units.Sum(u => u.Engines) * EnginesPerProcess;

    public static string PathFor(RemoteKitProfile profile) => Path.Combine(profile.RunDirectory, "cluster.json");

    public static ClusterState? Read(RemoteKitProfile profile) => ReadFile(PathFor(profile), ClusterStateJson.Default.ClusterState);

    public void Write(RemoteKitProfile profile) => WriteFile(PathFor(profile), this, ClusterStateJson.Default.ClusterState);

    public static void Delete(RemoteKitProfile profile) => TryDelete(PathFor(profile));

    /// <summary>Records engines started on their own (<c>cluster engines</c>), so that <c>cluster stop</c> stops them too.</summary>
    public static void AddEngines(RemoteKitProfile profile, LaunchArguments launch, IReadOnlyList<EngineUnit> units, int enginesPerProcess)
    {
        var name = $"added-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.json";
        WriteFile(Path.Combine(profile.RunDirectory, name), new AddedEngines { Launch = launch, Units = [.. units], EnginesPerProcess = enginesPerProcess }, ClusterStateJson.Default.AddedEngines);
    }

    /// <summary>Engines recorded by <see cref="AddEngines"/>, with their files.</summary>
    public static IReadOnlyList<(AddedEngines Engines, string File)> Added(RemoteKitProfile profile)
    {
        if (!Directory.Exists(profile.RunDirectory))
        {
            return [];
        }

        return Directory.EnumerateFiles(profile.RunDirectory, "added-*.json")
            .Select(file => (Engines: ReadFile(file, ClusterStateJson.Default.AddedEngines)!, File: file))
            .Where(a => a.Engines is not null)
            .ToArray();
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static T? ReadFile<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), type);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return default;
        }
    }

    private static void WriteFile<T>(string path, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(value, type));
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>Engines added by <c>cluster engines</c>, in <c>run/added-*.json</c>.</summary>
internal sealed record AddedEngines
{
    /// <summary>A controller placed elsewhere (<c>--controller ssh|slurm|pbs</c>): its remote process or job, which <c>cluster stop</c> ends if it outlived the cluster process.</summary>
    [JsonPropertyName("controllerUnit")]
    public EngineUnit? ControllerUnit { get; init; }

    /// <summary>The launcher settings given on the command line.</summary>
    [JsonPropertyName("launch")]
    public LaunchArguments Launch { get; init; } = new();

    /// <summary>What was started.</summary>
    [JsonPropertyName("units")]
    public required EngineUnit[] Units { get; init; }

    /// <summary>How many engines each engine process runs (<c>--engines-per-process</c>).</summary>
    [JsonPropertyName("enginesPerProcess")]
    public int EnginesPerProcess { get; init; } = 1;

    /// <summary>How many engines the units run.</summary>
    [JsonIgnore]
    public int EngineCount => Units.Sum(u => u.Engines) * EnginesPerProcess;
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ClusterState))]
[JsonSerializable(typeof(AddedEngines))]
internal sealed partial class ClusterStateJson : JsonSerializerContext
{
}
