using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RemoteKit.Controller.Observing;
using RemoteKit.Dashboard;

namespace RemoteKit.Observability.Tests.Dashboard;

[Trait("Category", "Integration")]
public sealed class DashboardServerTests
{
    public static TheoryData<string> Paths => ["/", "/index.html", "/dashboard.js", "/dashboard.css", "/api/snapshot", "/api/events"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_request_without_the_token_is_refused_with_401_and_told_where_the_token_is(string path)
    {
        await using var server = await StartAsync(new FakeClusterObserver(FakeClusterObserver.Cluster(2, 5)));
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.BaseAddress, path));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("node1", body);
        Assert.Contains("needs its token", body);
        Assert.Contains("?token=", body);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_request_with_a_wrong_token_is_refused_with_403(string path)
    {
        await using var server = await StartAsync(new FakeClusterObserver(FakeClusterObserver.Cluster(2, 5)));
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.BaseAddress, path + "?token=" + server.Token[..^1] + "x"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not this dashboard's", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_is_served_with_the_token_in_the_url_which_also_admits_its_own_requests_by_cookie()
    {
        await using var server = await StartAsync(new FakeClusterObserver(FakeClusterObserver.Cluster(2, 5)));
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler);

        using var page = await http.GetAsync(server.Url);
        using var script = await http.GetAsync(new Uri(server.BaseAddress, "dashboard.js"));
        using var snapshot = await http.GetAsync(new Uri(server.BaseAddress, "api/snapshot"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>RemoteKit cluster</title>", await page.Content.ReadAsStringAsync());
        Assert.Contains("no-referrer", page.Headers.GetValues("Referrer-Policy"));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("EventSource", await script.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
    }

    [Fact]
    public async Task Two_dashboards_on_one_host_keep_their_cookies_apart()
    {
        await using var first = await StartAsync(new FakeClusterObserver(FakeClusterObserver.Cluster(1, 0)));
        await using var second = await StartAsync(new FakeClusterObserver(FakeClusterObserver.Cluster(2, 0)));
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler);

        (await http.GetAsync(first.Url)).EnsureSuccessStatusCode();
        (await http.GetAsync(second.Url)).EnsureSuccessStatusCode();
        using var fromFirst = await http.GetAsync(new Uri(first.BaseAddress, "api/snapshot"));
        using var fromSecond = await http.GetAsync(new Uri(second.BaseAddress, "api/snapshot"));

        Assert.Equal(HttpStatusCode.OK, fromFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromSecond.StatusCode);
    }

    [Fact]
    public async Task The_token_is_accepted_in_an_authorization_header()
    {
        await using var server = await StartAsync(new FakeClusterObserver(FakeClusterObserver.Cluster(3, 7)));
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", server.Token);

        using var json = await ReadSnapshotAsync(http, server);

        Assert.Equal([0, 1, 2], json.RootElement.GetProperty("engines").EnumerateArray().Select(e => e.GetProperty("id").GetInt32()));
        Assert.Equal(21, json.RootElement.GetProperty("totals").GetProperty("completed").GetInt64());
        Assert.Equal("idle", json.RootElement.GetProperty("engines")[0].GetProperty("state").GetString(), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_url_carries_a_fresh_token_and_a_port_picked_for_it()
    {
        await using var first = await StartAsync(new FakeClusterObserver(FakeClusterObserver.Cluster(1, 0)));
        await using var second = await StartAsync(new FakeClusterObserver(FakeClusterObserver.Cluster(1, 0)));

        Assert.NotEqual(0, first.BaseAddress.Port);
        Assert.NotEqual(first.BaseAddress.Port, second.BaseAddress.Port);
        Assert.NotEqual(first.Token, second.Token);
        Assert.True(first.Token.Length >= 32);
        Assert.Equal("?token=" + first.Token, first.Url.Query);
        Assert.Equal("127.0.0.1", first.BaseAddress.Host);
    }

    [Fact]
    public async Task Without_a_token_it_serves_only_on_loopback()
    {
        var observer = new FakeClusterObserver(FakeClusterObserver.Cluster(1, 0));

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => DashboardServer.StartAsync(observer, new DashboardOptions { Address = "0.0.0.0", Token = "" }));
        await using var open = await DashboardServer.StartAsync(observer, new DashboardOptions { Token = "" });
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(open.BaseAddress, "api/snapshot"));

        Assert.Contains("loopback", refused.Message);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(open.BaseAddress, open.Url);
    }

    [Fact]
    public async Task The_event_stream_sends_the_snapshot_then_a_new_one_after_the_observer_changes()
    {
        var observer = new FakeClusterObserver(FakeClusterObserver.Cluster(2, 5));
        await using var server = await StartAsync(observer);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", server.Token);
        using var cancel = new CancellationTokenSource(Patience.Long);

        using var response = await http.GetAsync(new Uri(server.BaseAddress, "api/events"), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var first = await NextSnapshotAsync(reader, cancel.Token);
        observer.Update(s => s with
        {
            Engines = [.. s.Engines, FakeClusterObserver.Engine(2, 1)],
            Totals = s.Totals with { Completed = 11 },
        });
        // A snapshot taken just before the change may still be on its way: read until the change shows.
        var second = await NextSnapshotAsync(reader, cancel.Token);
        while (second.GetProperty("totals").GetProperty("completed").GetInt64() != 11)
        {
            second = await NextSnapshotAsync(reader, cancel.Token);
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(10, first.GetProperty("totals").GetProperty("completed").GetInt64());
        Assert.Equal(3, second.GetProperty("engines").GetArrayLength());
    }

    private static Task<DashboardServer> StartAsync(IClusterObserver observer) =>
        DashboardServer.StartAsync(observer, new DashboardOptions { UpdateInterval = TimeSpan.FromMilliseconds(50) });

    private static async Task<JsonDocument> ReadSnapshotAsync(HttpClient http, DashboardServer server)
    {
        using var response = await http.GetAsync(new Uri(server.BaseAddress, "api/snapshot"));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> NextSnapshotAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? eventName = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "snapshot")
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }

        throw new EndOfStreamException("The event stream ended before a snapshot.");
    }
}
