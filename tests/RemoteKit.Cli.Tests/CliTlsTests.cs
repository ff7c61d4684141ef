using Xunit;

namespace RemoteKit.Cli.Tests;

/// <summary><c>remotekit cluster start --tls</c>: a certificate made once per profile and pinned in its connection files.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CliTlsTests
{
    [Fact]
    public async Task A_tls_cluster_pins_its_profile_certificate_and_keeps_it_across_restarts()
    {
        await using var cli = new Cli();
        await cli.StartClusterAsync("sec", 2, "--tls");
        var profile = cli.Profile("sec");
        var first = ConnectionInfo.Load(profile.ClientConnectionFile);
        Assert.NotNull(first.TlsFingerprint);
        Assert.Equal(first.TlsFingerprint, ConnectionInfo.Load(profile.EngineConnectionFile).TlsFingerprint);
        var certificate = Path.Combine(Path.GetDirectoryName(profile.ClientConnectionFile)!, "remotekit-controller.pfx");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(certificate));

        await using (var client = await cli.ConnectAsync("sec"))
        {
            var ids = await client[..].ApplyAsync(Work.EngineId);
            Assert.Equal([0, 1], ids);
        }

        var stopped = await cli.RunAsync("cluster", "stop", "--profile", "sec");
        Assert.True(stopped.ExitCode == 0, stopped.ToString());

        var restarted = await cli.RunAsync("cluster", "start", "-n", "1", "--profile", "sec", "--daemonize", "--tls");
        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        Assert.Equal(first.TlsFingerprint, ConnectionInfo.Load(profile.ClientConnectionFile).TlsFingerprint);
        await using (var client = await cli.ConnectAsync("sec"))
        {
            Assert.Equal(0, await client[0].ApplyAsync(Work.EngineId));
        }
    }
}
