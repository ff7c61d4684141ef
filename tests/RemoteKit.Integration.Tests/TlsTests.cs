using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using RemoteKit.Security;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>One cluster whose controller speaks TLS (as it does by default beyond loopback), for the relay tests.</summary>
public sealed class TlsClusterFixture : IAsyncLifetime
{
    public Cluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Cluster = await Cluster.StartAsync(engines: 2, new ClusterOptions { Tls = true, StartTimeout = TimeSpan.FromMinutes(2) });

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>
/// A relay between a client and a TLS controller can neither read, alter, nor pass the key handshake through: the
/// attacks that work on plain TCP (issue: a relay rewrote a pushed value and could inject tasks) all fail.
/// </summary>
public sealed class TlsTests(TlsClusterFixture fixture) : IClassFixture<TlsClusterFixture>
{
    private ConnectionInfo Info => fixture.Cluster.ConnectionInfo;

    [Fact]
    public async Task A_tls_cluster_pins_its_certificate_and_runs_work_on_every_engine()
    {
        Assert.NotNull(Info.TlsFingerprint);
        Assert.Equal(64, Info.TlsFingerprint!.Length);
        var ids = await fixture.Cluster.Client[..].ApplyAsync(Work.EngineId);
        Assert.Equal([0, 1], ids);
        Assert.Contains("TLS", Info.ToString());
    }

    [Fact]
    public async Task A_relay_that_passes_bytes_through_sees_no_plaintext()
    {
        await using var relay = await Relay.StartAsync(Info.Port);
        await using (var client = await RemoteClient.ConnectAsync(Info with { Host = "127.0.0.1", Port = relay.Port }, Patience.Long))
        {
            var secret = "relay-must-not-read-" + Guid.NewGuid().ToString("N");
            await client[0].PushAsync(new Dictionary<string, object?> { ["secret"] = secret });
            Assert.Equal(secret, await client[0].PullAsync<string>("secret"));
            Assert.Equal(0, await client[0].ApplyAsync(Work.EngineId));
        }

        var seen = relay.Captured;
        Assert.True(seen.Length > 1000, $"the relay carried only {seen.Length} bytes");
        Assert.DoesNotContain("relay-must-not-read-", Encoding.UTF8.GetString(seen), StringComparison.Ordinal);
        Assert.DoesNotContain("relay-must-not-read-", Encoding.Unicode.GetString(seen), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relay_that_alters_a_byte_breaks_the_connection_and_nothing_altered_is_stored()
    {
        // Flip one byte well past both handshakes, in the middle of a 1 MiB push.
        await using var relay = await Relay.StartAsync(Info.Port, tamperAt: 200_000);
        var name = "tampered_" + Guid.NewGuid().ToString("N");
        await using (var client = await RemoteClient.ConnectAsync(Info with { Host = "127.0.0.1", Port = relay.Port }, Patience.Long))
        {
            var value = new byte[1 << 20];
            await Assert.ThrowsAsync<RemoteKitConnectionException>(async () =>
            {
                await client[0].PushAsync(new Dictionary<string, object?> { [name] = value });
                await client[0].PullAsync<byte[]>(name);
            });
        }

        Assert.True(relay.Tampered);
        var direct = fixture.Cluster.Client;
        var missing = await Assert.ThrowsAnyAsync<Exception>(async () => await direct[0].PullAsync<byte[]>(name));
        Assert.Contains(name, missing.Message, StringComparison.Ordinal);
        Assert.Equal(0, await direct[0].ApplyAsync(Work.EngineId));
    }

    [Fact]
    public async Task A_relay_with_its_own_certificate_is_refused_by_the_pin()
    {
        using var fake = TlsChannel.CreateCertificate("not the controller");
        await using var relay = await Relay.StartAsync(Info.Port, terminateWith: fake, upstreamFingerprint: Info.TlsFingerprint);

        var error = await Assert.ThrowsAsync<AuthenticationException>(
            () => RemoteClient.ConnectAsync(Info with { Host = "127.0.0.1", Port = relay.Port }, Patience.Long));
        Assert.Contains("fingerprint", error.Message, StringComparison.Ordinal);
        Assert.Contains(Info.TlsFingerprint!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relay_trusted_by_a_fooled_client_still_cannot_pass_the_key_handshake_through()
    {
        // The client holds the right key but was given the relay's pin; the relay opens its own TLS to the controller and
        // passes the key handshake through unchanged. The proofs are bound to each TLS channel, so the controller refuses.
        using var fake = TlsChannel.CreateCertificate("relay");
        await using var relay = await Relay.StartAsync(Info.Port, terminateWith: fake, upstreamFingerprint: Info.TlsFingerprint);
        var fooled = Info with { Host = "127.0.0.1", Port = relay.Port, TlsFingerprint = TlsChannel.Fingerprint(fake) };

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => RemoteClient.ConnectAsync(fooled, Patience.Long));
        Assert.Contains("key does not match", error.Message, StringComparison.Ordinal);
        Assert.True(relay.Captured.Length > 0, "the relay carried nothing: the test did not exercise pass-through");
    }

    [Fact]
    public async Task A_plain_client_cannot_talk_to_a_tls_controller_and_is_told_that_it_requires_TLS()
    {
        var plain = Info with { TlsFingerprint = null };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RemoteClient.ConnectAsync(plain, TimeSpan.FromSeconds(30)));
        Assert.Contains("requires TLS", error.Message);
        Assert.Equal(1, await fixture.Cluster.Client[1].ApplyAsync(Work.EngineId));
    }

    /// <summary>
    /// A TCP relay on 127.0.0.1 in front of the controller. It records what passes both ways, can flip one byte of what the client sends,
    /// and can terminate TLS with its own certificate (opening its own pinned TLS channel to the controller).
    /// </summary>
    private sealed class Relay : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly int _upstreamPort;
        private readonly long _tamperAt;
        private readonly X509Certificate2? _terminateWith;
        private readonly string? _upstreamFingerprint;
        private readonly CancellationTokenSource _stop = new();
        private readonly MemoryStream _captured = new();
        private readonly List<Task> _pumps = [];
        private Task? _accepting;
        private long _sent;

        private Relay(int upstreamPort, long tamperAt, X509Certificate2? terminateWith, string? upstreamFingerprint)
        {
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _upstreamPort = upstreamPort;
            _tamperAt = tamperAt;
            _terminateWith = terminateWith;
            _upstreamFingerprint = upstreamFingerprint;
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public bool Tampered { get; private set; }

        public byte[] Captured
        {
            get
            {
                lock (_captured)
                {
                    return _captured.ToArray();
                }
            }
        }

        public static Task<Relay> StartAsync(int upstreamPort, long tamperAt = -1, X509Certificate2? terminateWith = null, string? upstreamFingerprint = null)
        {
            var relay = new Relay(upstreamPort, tamperAt, terminateWith, upstreamFingerprint);
            relay._listener.Start();
            relay._accepting = relay.AcceptAsync();
            return Task.FromResult(relay);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await Task.WhenAll([_accepting!, .. _pumps]).WaitAsync(Patience.Long).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var downstream = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _pumps.Add(ServeAsync(downstream));
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        private async Task ServeAsync(TcpClient downstream)
        {
            using var client = downstream;
            using var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                Stream down = downstream.GetStream();
                Stream up = upstream.GetStream();
                if (_terminateWith is not null)
                {
                    var server = new SslStream(down);
                    await server.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _terminateWith }, _stop.Token);
                    down = server;
                    (up, _) = await TlsChannel.ConnectAsync(up, "127.0.0.1", _upstreamFingerprint!, _stop.Token);
                }

                var toServer = PumpAsync(down, up, towardServer: true);
                var toClient = PumpAsync(up, down, towardServer: false);
                await Task.WhenAny(toServer, toClient);
                downstream.Close();
                upstream.Close();
                await Task.WhenAll(toServer, toClient).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (Exception e) when (e is IOException or SocketException or AuthenticationException or OperationCanceledException or ObjectDisposedException)
            {
                // The client refused the relay, or a side closed: the connection ends here, as it would for a real relay.
            }
        }

        private async Task PumpAsync(Stream from, Stream to, bool towardServer)
        {
            var buffer = new byte[64 * 1024];
            try
            {
                int n;
                while ((n = await from.ReadAsync(buffer, _stop.Token)) > 0)
                {
                    if (towardServer)
                    {
                        var start = _sent;
                        _sent += n;
                        if (_tamperAt >= start && _tamperAt < _sent)
                        {
                            buffer[_tamperAt - start] ^= 0x5A;
                            Tampered = true;
                        }
                    }

                    lock (_captured)
                    {
                        _captured.Write(buffer, 0, n);
                    }

                    await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }
}
