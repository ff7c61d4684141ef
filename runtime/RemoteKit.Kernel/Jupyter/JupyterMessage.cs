using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RemoteKit.Kernel.Jupyter;

/// <summary>
/// One message of the Jupyter messaging protocol (version 5.3): the routing identities, then <c>&lt;IDS|MSG&gt;</c>, the
/// HMAC signature, and four JSON frames (header, parent header, metadata, content), then any binary buffers.
/// </summary>
internal sealed class JupyterMessage
{
    public const string Delimiter = "<IDS|MSG>";
    public const string ProtocolVersion = "5.3";

    public IReadOnlyList<byte[]> Identities { get; init; } = [];

    public required JsonObject Header { get; init; }

    public JsonObject ParentHeader { get; init; } = [];

    public JsonObject Metadata { get; init; } = [];

    public JsonObject Content { get; init; } = [];

    public IReadOnlyList<byte[]> Buffers { get; init; } = [];

    public string Type => Header["msg_type"]?.GetValue<string>() ?? "";

    public string Id => Header["msg_id"]?.GetValue<string>() ?? "";

    /// <summary>A new header for a message of <paramref name="type"/> in <paramref name="session"/>.</summary>
    public static JsonObject NewHeader(string type, string session) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString("N"),
        ["session"] = session,
        ["username"] = "kernel",
        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
        ["msg_type"] = type,
        ["version"] = ProtocolVersion,
    };

    /// <summary>The frames to send, signed with <paramref name="signer"/>.</summary>
    public List<byte[]> ToFrames(MessageSigner signer)
    {
        var header = Utf8(Header);
        var parent = Utf8(ParentHeader);
        var metadata = Utf8(Metadata);
        var content = Utf8(Content);
        var frames = new List<byte[]>(Identities.Count + 6 + Buffers.Count);
        frames.AddRange(Identities);
        frames.Add(Encoding.ASCII.GetBytes(Delimiter));
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(header, parent, metadata, content)));
        frames.Add(header);
        frames.Add(parent);
        frames.Add(metadata);
        frames.Add(content);
        frames.AddRange(Buffers);
        return frames;
    }

    /// <summary>Parses received frames, checking the signature; throws <see cref="InvalidDataException"/> on a bad message.</summary>
    public static JupyterMessage Parse(IReadOnlyList<byte[]> frames, MessageSigner signer)
    {
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual("<IDS|MSG>"u8))
            {
                delimiter = i;
                break;
            }
        }

        if (delimiter < 0 || frames.Count < delimiter + 6)
        {
            throw new InvalidDataException("Not a Jupyter message: no <IDS|MSG> delimiter followed by a signature and four JSON frames.");
        }

        var signature = Encoding.ASCII.GetString(frames[delimiter + 1]);
        if (!signer.Verify(signature, frames[delimiter + 2], frames[delimiter + 3], frames[delimiter + 4], frames[delimiter + 5]))
        {
            throw new InvalidDataException("The message's signature does not match the connection file's key.");
        }

        return new JupyterMessage
        {
            Identities = frames.Take(delimiter).ToArray(),
            Header = ParseObject(frames[delimiter + 2]) ?? throw new InvalidDataException("The message has no header."),
            ParentHeader = ParseObject(frames[delimiter + 3]) ?? [],
            Metadata = ParseObject(frames[delimiter + 4]) ?? [],
            Content = ParseObject(frames[delimiter + 5]) ?? [],
            Buffers = frames.Skip(delimiter + 6).ToArray(),
        };
    }

    private static JsonObject? ParseObject(byte[] utf8) => utf8.Length == 0 ? null : JsonNode.Parse(utf8) as JsonObject;

    private static byte[] Utf8(JsonObject value) => JsonSerializer.SerializeToUtf8Bytes(value, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>HMAC-SHA256 over a message's four JSON frames, as hex; no signing when the connection file's key is empty.</summary>
internal sealed class MessageSigner(string key)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);

    public string Sign(byte[] header, byte[] parent, byte[] metadata, byte[] content)
    {
        if (_key.Length == 0)
        {
            return "";
        }

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(header);
        hmac.AppendData(parent);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    public bool Verify(string signature, byte[] header, byte[] parent, byte[] metadata, byte[] content)
    {
        if (_key.Length == 0)
        {
            return true;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(header, parent, metadata, content));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }
}
