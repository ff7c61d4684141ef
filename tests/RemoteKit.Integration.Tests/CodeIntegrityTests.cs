using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Connections;
using RemoteKit.Protocol;
using RemoteKit.Security;
using RemoteKit.Transport;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// Shipped code is checked by what it is, not by what its uploader says: a program holding the key that files other bytes
/// under another program's bundle hash is refused, and that program's code still runs as written.
/// </summary>
public sealed class CodeIntegrityTests
{
    [Fact]
    public async Task A_bundle_uploaded_under_another_bundles_hash_is_refused_and_the_real_one_still_runs()
    {
        await using var cluster = await Cluster.StartAsync(1, new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2) });
        var info = cluster.ConnectionInfo;

        // The hash the tests' own code will be shipped under, claimed by a bundle holding a different assembly.
        var real = CodeBundle.ForAssembly(typeof(Work).Assembly);
        var otherBytes = File.ReadAllBytes(typeof(Xunit.FactAttribute).Assembly.Location);
        var impostor = new CodeBundle(
            real.Hash,
            real.RootName,
            [new ShippedAssembly(real.Assemblies[0].Name, System.Security.Cryptography.SHA256.HashData(otherBytes), otherBytes)]);

        var attacker = await Connector.ConnectAsync(
            "127.0.0.1", info.Port, info.GetKeyBytes(), PeerRole.Client, Connector.DefaultMaxFrameBytes, NullLogger.Instance, CancellationToken.None, info.TlsFingerprint);
        await using (attacker)
        {
            var running = attacker.RunAsync(static (byte _, in ReadOnlySequence<byte> _) => { }, CancellationToken.None);
            attacker.Send(Message.ToFrame(new CodeUploadMessage(impostor)));

            // The controller closes the uploader's connection.
            await running.WaitAsync(Patience.Long);
        }

        Assert.Equal(3125L, await cluster.Client[0].ApplyAsync(Work.Power, 5L, 5));
        Assert.Equal(0, await cluster.Client[0].ApplyAsync(Work.EngineId));
    }
}
