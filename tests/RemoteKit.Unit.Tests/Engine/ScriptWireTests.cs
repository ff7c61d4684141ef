using RemoteKit.Engine;

namespace RemoteKit.Unit.Tests.Engine;

/// <summary>The script server's frames and messages: the header's bytes, round trips, and clear errors for what is not a frame.</summary>
public sealed class ScriptWireTests
{
    [Fact]
    public void A_frame_is_magic_version_kind_length_and_body()
    {
        var frame = ScriptWire.Frame(ScriptMessageKind.Status, [0xAB, 0xCD]);
        Assert.Equal(new byte[] { (byte)'R', (byte)'K', (byte)'S', (byte)'S', (byte)ScriptWire.Version, 0, 2, 2, 0, 0, 0, 0xAB, 0xCD }, frame);
    }

    [Fact]
    public async Task A_compile_request_and_its_replies_read_back_as_written()
    {
        var request = new ScriptCompileRequest("var x = n + 1;", ["/a/System.Runtime.dll", "/b/Ünïcode.dll"], [new("n", "global::System.Int32"), new("s", "global::System.String")]);
        var (kind, body) = await ReadBackAsync(ScriptMessageKind.Compile, request.Write());
        Assert.Equal(ScriptMessageKind.Compile, kind);
        var read = ScriptCompileRequest.Read(body);
        Assert.Equal(request.Code, read.Code);
        Assert.Equal(request.References, read.References);
        Assert.Equal(request.Candidates, read.Candidates);

        var compiled = ScriptCompiledReply.Read(new ScriptCompiledReply(["n"], [1, 2, 3], ["/lib/a.dll"]).Write().ToArray());
        Assert.Equal(["n"], compiled.Declared);
        Assert.Equal([1, 2, 3], compiled.Assembly);
        Assert.Equal(["/lib/a.dll"], compiled.Files);
        Assert.Equal(["  (2,5): error CS0019: no"], ScriptTextBody.ReadLines(ScriptTextBody.Lines(["  (2,5): error CS0019: no"]).ToArray()));

        var status = new ScriptServerStatus(42, "1.0", "/s.sock", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), 5, 4, 3, 2, TimeSpan.FromMinutes(10), 7, 130, 110, 300L << 20);
        Assert.Equal(status, ScriptServerStatus.Read(status.Write().ToArray()));
    }

    [Fact]
    public void A_header_that_is_not_this_wires_says_what_is_wrong()
    {
        Assert.Contains("RKSS", Assert.Throws<ScriptWireException>(() => ScriptWire.ParseHeader("GET / HTTP"u8.ToArray().Concat(new byte[1]).ToArray(), 100)).Message);
        Assert.Contains("version 7", Assert.Throws<ScriptWireException>(() => ScriptWire.ParseHeader(ScriptWire.Frame(ScriptMessageKind.Status, [], version: 7), 100)).Message);
        var large = ScriptWire.Frame(ScriptMessageKind.Compile, new byte[101]);
        Assert.Contains("larger than the limit of 100", Assert.Throws<ScriptWireException>(() => ScriptWire.ParseHeader(large, 100)).Message);
        Assert.Equal((ScriptMessageKind.Compile, 100), ScriptWire.ParseHeader(ScriptWire.Frame(ScriptMessageKind.Compile, new byte[100]), 100));
    }

    [Fact]
    public async Task A_frame_cut_short_or_a_body_that_lies_about_its_lengths_is_malformed()
    {
        var frame = ScriptWire.Frame(ScriptMessageKind.Compile, [1, 2, 3, 4]);
        using var cut = new MemoryStream(frame[..^2]);
        Assert.Contains("ended in the middle", (await Assert.ThrowsAsync<ScriptWireException>(() => ScriptWire.ReadAsync(cut, 100, CancellationToken.None))).Message);
        using var headerCut = new MemoryStream(frame[..5]);
        Assert.Contains("ended in the middle", (await Assert.ThrowsAsync<ScriptWireException>(() => ScriptWire.TryReadAsync(headerCut, 100, CancellationToken.None))).Message);

        Assert.Contains("Malformed", Assert.Throws<ScriptWireException>(() => ScriptCompileRequest.Read([0xFF, 0xFF, 0xFF, 0x7F])).Message);
        Assert.Contains("negative", Assert.Throws<ScriptWireException>(() => ScriptTextBody.ReadText([0xFF, 0xFF, 0xFF, 0xFF])).Message);
        Assert.Contains("after the message", Assert.Throws<ScriptWireException>(() => ScriptTextBody.ReadText([0, 0, 0, 0, 9])).Message);
        var mismatched = new ScriptBodyWriter().String("x").Strings([]).Strings(["a"]).Strings([]).Written.ToArray();
        Assert.Contains("1 variable names but 0 types", Assert.Throws<ScriptWireException>(() => ScriptCompileRequest.Read(mismatched)).Message);
    }

    [Fact]
    public async Task A_connection_that_ends_before_its_first_byte_is_no_frame_and_no_error_for_the_server()
    {
        using var empty = new MemoryStream();
        Assert.Null(await ScriptWire.TryReadAsync(empty, 100, CancellationToken.None));

        // A client waiting for an answer still hears that none came.
        empty.Position = 0;
        Assert.Contains("ended before a frame", (await Assert.ThrowsAsync<ScriptWireException>(() => ScriptWire.ReadAsync(empty, 100, CancellationToken.None))).Message);
    }

    private static async Task<(ScriptMessageKind, byte[])> ReadBackAsync(ScriptMessageKind kind, ReadOnlyMemory<byte> body)
    {
        using var stream = new MemoryStream();
        await ScriptWire.WriteAsync(stream, kind, body, CancellationToken.None);
        stream.Position = 0;
        return await ScriptWire.ReadAsync(stream, ScriptWire.MaxBodyBytes, CancellationToken.None);
    }
}
