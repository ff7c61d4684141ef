using System.Text.Json;
using System.Text.Json.Serialization;

namespace RemoteKit.Kernel.Jupyter;

/// <summary>The connection file Jupyter writes for a kernel it starts: where each channel binds and the signing key.</summary>
internal sealed record ConnectionFile
{
    [JsonPropertyName("transport")]
    public string Transport { get; init; } = "tcp";

    [JsonPropertyName("ip")]
    public string Ip { get; init; } = "127.0.0.1";

    [JsonPropertyName("shell_port")]
    public int ShellPort { get; init; }

    [JsonPropertyName("iopub_port")]
    public int IopubPort { get; init; }

    [JsonPropertyName("stdin_port")]
    public int StdinPort { get; init; }

    [JsonPropertyName("control_port")]
    public int ControlPort { get; init; }

    [JsonPropertyName("hb_port")]
    public int HeartbeatPort { get; init; }

    [JsonPropertyName("key")]
    public string Key { get; init; } = "";

    [JsonPropertyName("signature_scheme")]
    public string SignatureScheme { get; init; } = "hmac-sha256";

    /// <summary>The ZeroMQ endpoint of a port, e.g. <c>tcp://127.0.0.1:5555</c>.</summary>
    public string Endpoint(int port) => Transport == "ipc" ? $"ipc://{Ip}-{port}" : $"{Transport}://{Ip}:{port}";

    public static ConnectionFile Read(string path)
    {
        var file = JsonSerializer.Deserialize<ConnectionFile>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"The connection file {path} is empty.");
        if (file.SignatureScheme is not ("hmac-sha256" or ""))
        {
            throw new InvalidDataException($"The connection file asks for signature scheme '{file.SignatureScheme}'; this kernel signs with hmac-sha256.");
        }

        return file;
    }
}
