using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Text;
using RemoteKit.Protocol;

namespace RemoteKit.Unit.Tests.Protocol;

/// <summary>
/// Ties the golden bytes to the protocol version. A layout change makes the layout tests fail until their golden bytes are
/// updated; updating them changes the fingerprint below, and this test then fails until <see cref="ProtocolVersion.Current"/>
/// is raised and the new fingerprint recorded under the new version. So no layout can change while old and new peers still
/// accept each other in the handshake.
/// </summary>
public partial class ProtocolVersionTests
{
    /// <summary>The golden bytes' fingerprint of each protocol version: append a line for a new version, never edit one.</summary>
    private static readonly IReadOnlyDictionary<ushort, string> Recorded = new Dictionary<ushort, string>
    {
        [2] = "1557430375D139FE",
        [3] = "9A9DDC559838D9AA",
        [4] = "6D201E2F7980E6FE",
        [5] = "BE0234229552F077",
        [6] = "201B23892F66DE85",
        [7] = "904235AE7EE9A096",
        [8] = "DB57EE8F53242428",
        [9] = "A75FD7F0BC70EF6C",
        [10] = "1293F0CF1473FF2E",
        [11] = "2B40A165BF0EDE41",
    };

    [Fact]
    public void The_golden_bytes_are_those_recorded_for_the_current_protocol_version()
    {
        var fingerprint = GoldenBytesFingerprint();
        Assert.True(
            Recorded.TryGetValue(ProtocolVersion.Current, out var recorded) && recorded == fingerprint,
            $"The golden bytes of the wire layouts (fingerprint {fingerprint}) are not those recorded for protocol version " +
            $"{ProtocolVersion.Current} ({recorded ?? "none"}). A layout changed: raise ProtocolVersion.Current, so that peers " +
            $"built before the change refuse this build in the handshake, and record {fingerprint} for the new version here.");
    }

    [Fact]
    public void Versions_are_recorded_in_order_and_the_newest_is_current()
    {
        Assert.Equal(ProtocolVersion.Current, Recorded.Keys.Max());
        Assert.Equal(Recorded.Count, Recorded.Values.Distinct().Count());
    }

    /// <summary>
    /// A hash of every hex literal in the layout tests of this folder (the bytes passed to <c>Hex</c>), in file and line
    /// order, white space removed: what the golden-byte tests pin.
    /// </summary>
    private static string GoldenBytesFingerprint()
    {
        var folder = Path.Combine(Repository.Root, "tests", "RemoteKit.Unit.Tests", "Protocol");
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(folder, "*LayoutTests.cs").Append(Path.Combine(folder, "FrameAndMalformedTests.cs")).Order(StringComparer.Ordinal))
        {
            text.Append(Path.GetFileName(file)).Append(':');
            foreach (var line in File.ReadLines(file).Where(l => l.Contains("Hex(", StringComparison.Ordinal)))
            {
                foreach (Match literal in HexLiteral().Matches(line))
                {
                    text.Append(literal.Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant()).Append(',');
                }
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(text.ToString())))[..16];
    }

    [GeneratedRegex("\"([0-9A-Fa-f ]+)\"")]
    private static partial Regex HexLiteral();
}
