using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RemoteKit.Cli;

/// <summary>What a running <c>cluster start</c> records in <c>profile_NAME/run/</c> so that <c>cluster stop</c> can find its processes.</summary>
internal sealed record ClusterState
{
    /// <summary>The process running the controller and supervising the engines.</summary>
    [JsonPropertyName("pid")]
    public required int Pid { get; init; }

    /// <summary>The engine processes it started.</summary>
    [JsonPropertyName("engines")]
    public required int[] Engines { get; init; }

    /// <summary>Where the controller listens (no key).</summary>
    [JsonPropertyName("controller")]
    public required string Controller { get; init; }

    public static string PathFor(RemoteKitProfile profile) => Path.Combine(profile.RunDirectory, "cluster.json");

    public static ClusterState? Read(RemoteKitProfile profile)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(PathFor(profile)), ClusterStateJson.Default.ClusterState);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Write(RemoteKitProfile profile)
    {
        Directory.CreateDirectory(profile.RunDirectory);
        var path = PathFor(profile);
        var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, ClusterStateJson.Default.ClusterState));
        File.Move(temp, path, overwrite: true);
    }

    public static void Delete(RemoteKitProfile profile) => TryDelete(PathFor(profile));

    /// <summary>Records an engine started on its own (<c>cluster engines</c>), so that <c>cluster stop</c> waits for it too.</summary>
    public static void AddEngine(RemoteKitProfile profile, int pid)
    {
        Directory.CreateDirectory(profile.RunDirectory);
        File.WriteAllText(Path.Combine(profile.RunDirectory, $"engine-{pid.ToString(CultureInfo.InvariantCulture)}.pid"), pid.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Engines recorded by <see cref="AddEngine"/>, with their files.</summary>
    public static IReadOnlyList<(int Pid, string File)> AddedEngines(RemoteKitProfile profile)
    {
        if (!Directory.Exists(profile.RunDirectory))
        {
            return [];
        }

        var engines = new List<(int, string)>();
        foreach (var file in Directory.EnumerateFiles(profile.RunDirectory, "engine-*.pid"))
        {
            var name = Path.GetFileNameWithoutExtension(file)["engine-".Length..];
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                engines.Add((pid, file));
            }
        }

        return engines;
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
}

[JsonSerializable(typeof(ClusterState))]
internal sealed partial class ClusterStateJson : JsonSerializerContext
{
}
