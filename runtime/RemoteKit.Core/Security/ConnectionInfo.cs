using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RemoteKit;

/// <summary>
/// Where a controller listens and the key that proves membership: the content of a connection file
/// (<c>remotekit-client.json</c>, <c>remotekit-engine.json</c>). Treat it as a secret.
/// </summary>
public sealed record ConnectionInfo
{
    /// <summary>The controller's address (an IP or host name).</summary>
    [JsonPropertyName("ip")]
    public required string Host { get; init; }

    /// <summary>The controller's TCP port.</summary>
    [JsonPropertyName("port")]
    public required int Port { get; init; }

    /// <summary>The shared key, base64-encoded (32 random bytes by default).</summary>
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    /// <summary>The protocol version the controller speaks.</summary>
    [JsonPropertyName("protocol")]
    public int Protocol { get; init; } = RemoteKit.Protocol.ProtocolVersion.Current;

    /// <summary>
    /// The SHA-256 fingerprint (hex) of the controller's TLS certificate: when set, connections use TLS and trust exactly
    /// this certificate. <see langword="null"/>: plain TCP (the default for controllers on loopback).
    /// </summary>
    [JsonPropertyName("tls_sha256")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TlsFingerprint { get; init; }

    /// <summary>The controller's process id, when known (lets tools tell a stale file from a live one).</summary>
    [JsonPropertyName("pid")]
    public int? ControllerPid { get; init; }

    /// <summary>Creates connection info with a fresh random key.</summary>
    /// <param name="host">The controller address.</param>
    /// <param name="port">The controller port.</param>
    /// <returns>The connection info.</returns>
    public static ConnectionInfo CreateNew(string host, int port) =>
        new() { Host = host, Port = port, Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

    /// <summary>Reads a connection file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The connection info.</returns>
    /// <exception cref="InvalidDataException">The file is not a RemoteKit connection file.</exception>
    public static ConnectionInfo Load(string path)
    {
        var text = File.ReadAllText(path);
        try
        {
            return JsonSerializer.Deserialize(text, ConnectionInfoJson.Default.ConnectionInfo)
                ?? throw new InvalidDataException($"Connection file '{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Connection file '{path}' is not a RemoteKit connection file: {e.Message}", e);
        }
    }

    /// <summary>Writes a connection file atomically (temp file, then rename), readable by the owner only.</summary>
    /// <param name="path">The file path.</param>
    public void Save(string path) =>
        Security.SecretFile.Write(path, stream => JsonSerializer.Serialize(stream, this, ConnectionInfoJson.Default.ConnectionInfo));

    /// <summary>The key as bytes.</summary>
    /// <returns>The decoded key.</returns>
    public byte[] GetKeyBytes()
    {
        try
        {
            return Convert.FromBase64String(Key);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException("The connection key is not valid base64.", e);
        }
    }

    /// <summary>Never prints the key.</summary>
    /// <returns>A description without the key.</returns>
    public override string ToString() => $"{Host}:{Port} (protocol v{Protocol}{(TlsFingerprint is null ? string.Empty : ", TLS")})";
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(ConnectionInfo))]
internal sealed partial class ConnectionInfoJson : JsonSerializerContext
{
}
