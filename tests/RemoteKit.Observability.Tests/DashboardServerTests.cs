using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Controller.Dashboard;

namespace RemoteKit.Observability.Tests;

public sealed class DashboardServerTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly FakeClusterObserver _observer = new();
    private readonly HttpClient _http = new() { Timeout = Timeout };
    private DashboardServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await DashboardServer.StartAsync(_observer, new DashboardOptions { Enabled = true }, NullLoggerFactory.Instance, CancellationToken.None);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Uri At(string path, string? token) => new(_server.Url, token is null ? path : path + "?token=" + Uri.EscapeDataString(token));

    [Theory]
    [InlineData("/")]
    [InlineData("/dashboard.js")]
    [InlineData("/api/snapshot")]
    [InlineData("/events")]
    public async Task RequestsWithoutTheTokenAreRefused(string path)
    {
        using var missing = await _http.GetAsync(At(path, null), HttpCompletionOption.ResponseHeadersRead);
        using var wrong = await _http.GetAsync(At(path, "not-the-token"), HttpCompletionOption.ResponseHeadersRead);
        using var empty = await _http.GetAsync(At(path, ""), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, empty.StatusCode);
        Assert.DoesNotContain("engines", await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ThePrintedUrlServesThePageAndItsScript()
    {
        Assert.Equal("127.0.0.1", _server.Url.Host);
        Assert.NotEqual(0, _server.Url.Port);
        Assert.Equal("?token=" + _server.Token, _server.Url.Query);
        Assert.True(_server.Token.Length >= 32);

        var page = await _http.GetStringAsync(_server.Url);
        var script = await _http.GetStringAsync(At("/dashboard.js", _server.Token));

        Assert.Contains("<table id=\"engines\">", page);
        Assert.Contains("new EventSource", script);
    }

    [Fact]
    public async Task OpeningThePageWithTheTokenLetsItsOwnRequestsThroughByCookie()
    {
        using var stranger = new HttpClient { Timeout = Timeout };

        using var page = await _http.GetAsync(_server.Url);
        using var script = await _http.GetAsync(At("/dashboard.js", null));
        using var strangersScript = await stranger.GetAsync(At("/dashboard.js", null));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.Contains("httponly") && c.Contains("samesite=strict"));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, strangersScript.StatusCode);
    }

    [Fact]
    public async Task TheTokenIsAlsoAcceptedInTheAuthorizationHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, At("/api/snapshot", null));
        request.Headers.Authorization = new AuthenticationHeaderValue("token", _server.Token);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheSnapshotIsTheObserversAsJson()
    {
        _observer.Set(FakeClusterObserver.Snapshot(completed: 42, engines: 3));

        using var json = JsonDocument.Parse(await _http.GetStringAsync(At("/api/snapshot", _server.Token)));

        var root = json.RootElement;
        Assert.Equal(42, root.GetProperty("completed").GetInt64());
        Assert.Equal(["node-0", "node-1", "node-2"], root.GetProperty("engines").EnumerateArray().Select(e => e.GetProperty("host").GetString()));
        Assert.Equal("   at Work.Fails(Int32 x) in Work.cs:line 12", root.GetProperty("recentFailures")[0].GetProperty("remoteStackTrace").GetString());
    }

    [Fact]
    public async Task TheEventStreamSendsASnapshotAndAnotherWhenTheClusterChanges()
    {
        using var response = await _http.GetAsync(At("/events", _server.Token), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = await NextEventAsync(reader);
        Assert.Equal(0, first.GetProperty("completed").GetInt64());

        _observer.Set(FakeClusterObserver.Snapshot(completed: 99, engines: 4));
        JsonElement next;
        do
        {
            next = await NextEventAsync(reader);
        }
        while (next.GetProperty("completed").GetInt64() != 99);

        Assert.Equal(4, next.GetProperty("engines").GetArrayLength());
    }

    [Fact]
    public async Task NoTokenIsAllowedOnLoopbackOnly()
    {
        await using var open = await DashboardServer.StartAsync(_observer, new DashboardOptions { Token = "" }, null, CancellationToken.None);
        using var served = await _http.GetAsync(new Uri(open.Url, "/api/snapshot"));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("", open.Url.Query);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            DashboardServer.StartAsync(_observer, new DashboardOptions { Address = "0.0.0.0", Token = "" }, null, CancellationToken.None));
    }

    private static async Task<JsonElement> NextEventAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }
    }
}
