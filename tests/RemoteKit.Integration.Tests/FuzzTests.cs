using System.Buffers.Binary;
using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Connections;
using RemoteKit.Protocol;
using RemoteKit.Security;
using RemoteKit.Transport;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// An authenticated peer that sends seeded random and mutated frames (valid lengths, corrupt bodies, wrong kinds): each bad
/// frame closes only its own connection, frames that parse reach the engines as tasks that fail cleanly, and afterwards
/// the controller and every engine serve a normal client.
/// </summary>
public sealed class FuzzTests
{
    private const int Frames = 2_000;

    [Fact]
    public async Task Thousands_of_random_and_mutated_frames_close_only_their_own_connections()
    {
        await using var cluster = await Cluster.StartAsync(2, new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2) });
        var info = cluster.ConnectionInfo;
        var random = new Random(20261127);
        int closed = 0, answered = 0;
        Peer? peer = null;
        try
        {
            for (var i = 0; i < Frames; i++)
            {
                peer ??= await Peer.ConnectAsync(info);
                peer.Send(NextFrame(random));

                // A probe after each frame: answered means the frame was taken, end of stream means it closed the connection.
                if (await peer.ProbeAsync((ulong)i + 1_000_000))
                {
                    answered++;
                }
                else
                {
                    closed++;
                    await peer.DisposeAsync();
                    peer = null;
                }
            }
        }
        finally
        {
            if (peer is not null)
            {
                await peer.DisposeAsync();
            }
        }

        Assert.True(closed > Frames / 10, $"only {closed} of {Frames} frames closed their connection: the fuzzer is too tame");
        Assert.True(answered > Frames / 10, $"only {answered} of {Frames} frames were taken: the fuzzer never got past parsing");

        var client = cluster.Client;
        Assert.Equal(2, client.Ids.Count);
        var ids = await client[..].ApplyAsync(Work.EngineId);
        Assert.Equal(client.Ids, ids);
        Assert.Equal(243L, await client.LoadBalancedView().ApplyAsync(Work.Power, 3L, 5));
        await using var another = await RemoteClient.ConnectAsync(info, Patience.Long);
        Assert.Equal(32L, await another[1].ApplyAsync(Work.Power, 2L, 5));
    }

    /// <summary>One fuzz frame: kind and body random, or a valid client message with some bytes changed or cut off.</summary>
    private static OutgoingFrame NextFrame(Random random)
    {
        byte[] body;
        switch (random.Next(3))
        {
            case 0:
                body = new byte[1 + random.Next(64)];
                random.NextBytes(body);
                break;
            case 1:
                body = new byte[1 + random.Next(48)];
                random.NextBytes(body);
                body[0] = (byte)random.Next(1, 6);
                break;
            default:
                body = ValidMessage(random);
                var flips = random.Next(0, 4);
                for (var f = 0; f < flips; f++)
                {
                    body[random.Next(body.Length)] ^= (byte)(1 << random.Next(8));
                }

                if (random.Next(3) == 0 && body.Length > 1)
                {
                    body = body[..random.Next(1, body.Length)];
                }

                break;
        }

        Tame(body);
        var frame = ArrayPool<byte>.Shared.Rent(Frame.PrefixLength + body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)body.Length);
        body.CopyTo(frame, Frame.PrefixLength);
        return new OutgoingFrame(frame, Frame.PrefixLength + body.Length);
    }

    /// <summary>A well-formed client message (kind byte first): a task to an engine, an abort, a code query or a status request.</summary>
    private static byte[] ValidMessage(Random random)
    {
        var w = new ArrayBufferWriter<byte>();
        switch (random.Next(4))
        {
            case 0:
                w.WriteU8((byte)MessageKind.Submit);
                w.WriteU64((ulong)random.Next());
                w.WriteI32(random.Next(-1, 3));
                w.WriteU8((byte)TaskKind.Push);
                w.WriteI32(1);
                w.WriteString("fuzz");
                w.WriteString(typeof(int).FullName);
                w.WriteBlob(BitConverter.GetBytes(random.Next()));
                break;
            case 1:
                w.WriteU8((byte)MessageKind.Abort);
                w.WriteI32(2);
                w.WriteU64((ulong)random.Next());
                w.WriteU64((ulong)random.Next());
                break;
            case 2:
                w.WriteU8((byte)MessageKind.CodeQuery);
                w.WriteU64((ulong)random.Next());
                var hash = new byte[CodeBundle.HashLength];
                random.NextBytes(hash);
                w.Write(hash);
                break;
            default:
                w.WriteU8((byte)MessageKind.ControlRequest);
                w.WriteU64((ulong)random.Next());
                w.WriteU8((byte)ControlOp.QueueStatus);
                break;
        }

        return w.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Keeps the fuzzer from asking for what an authenticated client may legitimately ask but a test cannot afford: a
    /// shutdown of the cluster, or a C# script (a Roslyn compilation per frame).
    /// </summary>
    private static void Tame(byte[] body)
    {
        if (body[0] == (byte)MessageKind.ControlRequest && body.Length > 9 && body[9] == (byte)ControlOp.Shutdown)
        {
            body[9] = (byte)ControlOp.QueueStatus;
        }

        if (body[0] == (byte)MessageKind.Submit && body.Length > 13 && body[13] == (byte)TaskKind.Execute)
        {
            body[13] = (byte)TaskKind.Pull;
        }
    }

    /// <summary>An authenticated connection that can tell whether the controller still answers it.</summary>
    private sealed class Peer : IAsyncDisposable
    {
        private readonly FrameConnection _connection;
        private readonly Task _running;
        private TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private ulong _probe;

        private Peer(FrameConnection connection)
        {
            _connection = connection;
            _running = connection.RunAsync(OnFrame, CancellationToken.None);
        }

        public static async Task<Peer> ConnectAsync(ConnectionInfo info) =>
            new(await Connector.ConnectAsync(
                "127.0.0.1", info.Port, info.GetKeyBytes(), PeerRole.Client, Connector.DefaultMaxFrameBytes, NullLogger.Instance, CancellationToken.None, info.TlsFingerprint));

        public void Send(OutgoingFrame frame) => _connection.Send(frame);

        /// <summary>True when the controller answers a status request; false when it closed the connection instead.</summary>
        public async Task<bool> ProbeAsync(ulong id)
        {
            _answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _probe, id);
            _connection.Send(Message.ToFrame(new ControlRequestMessage(id, ControlOp.QueueStatus)));
            var first = await Task.WhenAny(_answered.Task, _running).WaitAsync(Patience.Long);
            return first == _answered.Task;
        }

        public async ValueTask DisposeAsync()
        {
            _connection.Close("fuzzer done with this connection");
            await _running.WaitAsync(Patience.Long).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _connection.DisposeAsync();
        }

        private void OnFrame(byte kind, in ReadOnlySequence<byte> body)
        {
            if (kind == (byte)MessageKind.ControlReply && body.Length >= 8)
            {
                Span<byte> id = stackalloc byte[8];
                body.Slice(0, 8).CopyTo(id);
                if (BinaryPrimitives.ReadUInt64LittleEndian(id) == Volatile.Read(ref _probe))
                {
                    _answered.TrySetResult();
                }
            }
        }
    }
}
