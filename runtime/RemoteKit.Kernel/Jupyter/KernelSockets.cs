using System.Text;
using Microsoft.Extensions.Logging;
using NetMQ;
using NetMQ.Sockets;

namespace RemoteKit.Kernel.Jupyter;

/// <summary>The kernel's sockets, one per Jupyter channel.</summary>
internal enum Channel
{
    Shell,
    Control,
    Stdin,
    Iopub,
}

/// <summary>
/// The kernel's ZeroMQ sockets (NetMQ): shell, control and stdin are ROUTERs, iopub a PUB, heartbeat a REP that echoes.
/// NetMQ sockets belong to one thread, so every socket but the heartbeat lives on one poller thread: sends from any
/// thread go through a queue that thread drains, and received messages are handed to <see cref="Received"/> on it
/// (whoever handles them must not block it). The heartbeat runs on a poller of its own, so it answers even while the
/// main poller is busy.
/// </summary>
internal sealed class KernelSockets : IDisposable
{
    private readonly MessageSigner _signer;
    private readonly ILogger _logger;
    private readonly RouterSocket _shell = new();
    private readonly RouterSocket _control = new();
    private readonly RouterSocket _stdin = new();
    private readonly PublisherSocket _iopub = new();
    private readonly ResponseSocket _heartbeat = new();
    private readonly NetMQQueue<Outgoing> _outgoing = new();
    private readonly NetMQPoller _poller;
    private readonly NetMQPoller _heartbeatPoller;
    private int _disposed;

    public KernelSockets(ConnectionFile connection, ILogger logger)
    {
        _signer = new MessageSigner(connection.Key);
        _logger = logger;
        _shell.Bind(connection.Endpoint(connection.ShellPort));
        _control.Bind(connection.Endpoint(connection.ControlPort));
        _stdin.Bind(connection.Endpoint(connection.StdinPort));
        _iopub.Bind(connection.Endpoint(connection.IopubPort));
        _heartbeat.Bind(connection.Endpoint(connection.HeartbeatPort));

        _shell.ReceiveReady += (_, e) => Receive(Channel.Shell, e.Socket);
        _control.ReceiveReady += (_, e) => Receive(Channel.Control, e.Socket);
        _stdin.ReceiveReady += (_, e) => Receive(Channel.Stdin, e.Socket);
        _outgoing.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var item, TimeSpan.Zero))
            {
                if (item.Frames is { } frames)
                {
                    SendNow(item.Channel, frames);
                }

                item.Sent?.Set();
            }
        };
        _heartbeat.ReceiveReady += (_, e) =>
        {
            var ping = new NetMQMessage();
            while (e.Socket.TryReceiveMultipartMessage(ref ping))
            {
                e.Socket.SendMultipartMessage(ping);
                ping = new NetMQMessage();
            }
        };

        _poller = [_shell, _control, _stdin, _iopub, _outgoing];
        _heartbeatPoller = [_heartbeat];
    }

    /// <summary>A message arrived on shell, control or stdin (raised on the poller thread).</summary>
    public event Action<Channel, JupyterMessage>? Received;

    public void Start()
    {
        _heartbeatPoller.RunAsync("jupyter heartbeat");
        _poller.RunAsync("jupyter sockets");
    }

    /// <summary>Queues <paramref name="message"/> on <paramref name="channel"/>; safe from any thread.</summary>
    public void Send(Channel channel, JupyterMessage message)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var frames = message.ToFrames(_signer);
        if (channel == Channel.Iopub && message.Identities.Count == 0)
        {
            // The topic: subscribers filter on it (Jupyter's clients take everything).
            frames.Insert(0, Encoding.UTF8.GetBytes("kernel." + message.Type));
        }

        _outgoing.Enqueue(new Outgoing(channel, frames, null));
    }

    private void SendNow(Channel channel, List<byte[]> frames)
    {
        var socket = channel switch
        {
            Channel.Shell => (NetMQSocket)_shell,
            Channel.Control => _control,
            Channel.Stdin => _stdin,
            _ => _iopub,
        };
        var message = new NetMQMessage(frames.Count);
        foreach (var frame in frames)
        {
            message.Append(frame);
        }

        socket.SendMultipartMessage(message);
    }

    private void Receive(Channel channel, NetMQSocket socket)
    {
        var message = new NetMQMessage();
        while (socket.TryReceiveMultipartMessage(ref message))
        {
            var frames = message.Select(f => f.ToByteArray()).ToArray();
            message = new NetMQMessage();
            JupyterMessage parsed;
            try
            {
                parsed = JupyterMessage.Parse(frames, _signer);
            }
            catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
            {
                KernelLog.BadMessage(_logger, channel.ToString(), e.Message);
                continue;
            }

            Received?.Invoke(channel, parsed);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Let queued replies (the shutdown reply among them) go before the sockets close.
        using (var sent = new ManualResetEventSlim())
        {
            _outgoing.Enqueue(new Outgoing(Channel.Iopub, null, sent));
            sent.Wait(TimeSpan.FromSeconds(2));
        }

        _poller.Stop();
        _heartbeatPoller.Stop();
        _heartbeatPoller.Dispose();
        _poller.Dispose();
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat })
        {
            socket.Options.Linger = TimeSpan.FromMilliseconds(500);
            socket.Dispose();
        }

        _outgoing.Dispose();
    }

    private readonly record struct Outgoing(Channel Channel, List<byte[]>? Frames, ManualResetEventSlim? Sent);
}
