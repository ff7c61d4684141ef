using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using RemoteKit.Kernel.Jupyter;

namespace RemoteKit.Kernel.Tests;

/// <summary>A message the kernel sent.</summary>
internal sealed record KernelMessage(string Type, JsonObject Content, JsonObject Header, JsonObject Parent)
{
    public string Text(string key = "text") => Content[key]?.GetValue<string>() ?? "";

    public string Plain => Content["data"]?["text/plain"]?.GetValue<string>() ?? "";
}

/// <summary>What one request brought: the reply on its channel and everything published on iopub for it.</summary>
internal sealed record Exchange(KernelMessage Reply, IReadOnlyList<KernelMessage> Published)
{
    public string Status => Reply.Content["status"]?.GetValue<string>() ?? "";

    /// <summary>Everything the cell printed on stdout (stream messages), in order.</summary>
    public string Stdout => string.Concat(Published.Where(m => m.Type == "stream" && m.Text("name") == "stdout").Select(m => m.Text()));

    public string Stderr => string.Concat(Published.Where(m => m.Type == "stream" && m.Text("name") == "stderr").Select(m => m.Text()));

    /// <summary>The <c>text/plain</c> of the cell's result (<c>execute_result</c>), or null.</summary>
    public string? Result => Published.FirstOrDefault(m => m.Type == "execute_result")?.Plain;

    public string? ResultHtml => Published.FirstOrDefault(m => m.Type == "execute_result")?.Content["data"]?["text/html"]?.GetValue<string>();

    public IEnumerable<string> Displays => Published.Where(m => m.Type is "display_data" or "update_display_data").Select(m => m.Plain);

    public KernelMessage? Error => Published.FirstOrDefault(m => m.Type == "error");

    public string ErrorName => Error?.Text("ename") ?? "";

    public string ErrorValue => Error?.Text("evalue") ?? "";

    public string Traceback => Error?.Content["traceback"] is JsonArray lines ? string.Join("\n", lines.Select(l => l!.GetValue<string>())) : "";

    public override string ToString() =>
        $"status {Status}; stdout: {Stdout}; stderr: {Stderr}; result: {Result}; displays: {string.Join(" | ", Displays)}; error: {ErrorName}: {ErrorValue}\n{Traceback}";
}

/// <summary>
/// A Jupyter client of the protocol, as a notebook server is one: it writes a connection file, starts
/// <c>remotekit kernel run -f FILE</c>, connects DEALER sockets to shell, control and stdin, a SUB socket to iopub and a
/// REQ socket to the heartbeat, and signs every message with the file's key.
/// </summary>
internal sealed class KernelClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = Patience.Long;
    private readonly Process _process;
    private readonly MessageSigner _signer;
    private readonly DealerSocket _shell = new();
    private readonly DealerSocket _control = new();
    private readonly DealerSocket _stdin = new();
    private readonly SubscriberSocket _iopub = new();
    private readonly NetMQQueue<(Channel Channel, List<byte[]> Frames)> _outgoing = new();
    private readonly NetMQPoller _poller;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, Pending> _pending = new();
    private readonly StringBuilder _kernelStderr = new();
    private bool _disposed;

    private KernelClient(Process process, ConnectionFile connection)
    {
        _process = process;
        Connection = connection;
        _signer = new MessageSigner(connection.Key);

        // As Jupyter's clients do: shell and stdin share one identity, so the kernel's input requests reach this client.
        var identity = Encoding.ASCII.GetBytes(_session);
        _shell.Options.Identity = identity;
        _stdin.Options.Identity = identity;
        _shell.Connect(connection.Endpoint(connection.ShellPort));
        _control.Connect(connection.Endpoint(connection.ControlPort));
        _stdin.Connect(connection.Endpoint(connection.StdinPort));
        _iopub.Connect(connection.Endpoint(connection.IopubPort));
        _iopub.SubscribeToAnyTopic();
        _shell.ReceiveReady += (_, e) => Receive(e.Socket, isReply: true);
        _control.ReceiveReady += (_, e) => Receive(e.Socket, isReply: true);
        _stdin.ReceiveReady += (_, e) => Receive(e.Socket, isReply: false);
        _iopub.ReceiveReady += (_, e) => Receive(e.Socket, isReply: false);
        _outgoing.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var item, TimeSpan.Zero))
            {
                var socket = item.Channel switch { Channel.Control => _control, Channel.Stdin => _stdin, _ => (NetMQSocket)_shell };
                var message = new NetMQMessage();
                item.Frames.ForEach(f => message.Append(f));
                socket.SendMultipartMessage(message);
            }
        };
        _poller = [_shell, _control, _stdin, _iopub, _outgoing];
        _poller.RunAsync("test jupyter client");
    }

    public ConnectionFile Connection { get; }

    public Process Process => _process;

    /// <summary>Messages on stdin (input requests), in order.</summary>
    public ConcurrentQueue<KernelMessage> InputRequests { get; } = new();

    public string KernelStderr
    {
        get
        {
            lock (_kernelStderr)
            {
                return _kernelStderr.ToString();
            }
        }
    }

    /// <summary>Starts a kernel (in <paramref name="workingDirectory"/>) and waits until it answers and publishes.</summary>
    public static async Task<KernelClient> StartAsync(string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var ports = FreePorts(5);
        var connection = new ConnectionFile
        {
            Ip = "127.0.0.1",
            ShellPort = ports[0],
            IopubPort = ports[1],
            StdinPort = ports[2],
            ControlPort = ports[3],
            HeartbeatPort = ports[4],
            Key = Guid.NewGuid().ToString(),
        };
        var file = Path.Combine(Path.GetTempPath(), $"kernel-test-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(connection));
        var start = new ProcessStartInfo(Tool.Dotnet)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in new[] { "exec", Tool.CliDll, "kernel", "run", "-f", file })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var client = new KernelClient(process, connection);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (client._kernelStderr)
            {
                client._kernelStderr.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            lock (client._kernelStderr)
            {
                client._kernelStderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await client.WaitUntilReadyAsync();
        return client;
    }

    /// <summary>Sends kernel_info requests until one is answered and its busy/idle came on iopub (so our subscription is live).</summary>
    private async Task WaitUntilReadyAsync()
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            deadline.Token.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The kernel exited with code {_process.ExitCode}: {KernelStderr}");
            }

            // A request sent before the kernel's sockets are bound is lost for good (ZeroMQ drops it), so no event would
            // ever come for it: like jupyter_client's wait_for_ready, ask again each second until one is answered.
            var pending = Send(Channel.Shell, "kernel_info_request", []);
            var replied = await Task.WhenAny(pending.Idle.Task, Task.Delay(TimeSpan.FromSeconds(1)));
            if (replied == pending.Idle.Task && pending.Reply.Task.IsCompleted)
            {
                return;
            }
        }
    }

    /// <summary>Runs a cell and returns its reply and outputs once the kernel is idle again.</summary>
    public Task<Exchange> ExecuteAsync(string code, bool allowStdin = false, TimeSpan? timeout = null) =>
        RequestAsync(Channel.Shell, "execute_request", new JsonObject
        {
            ["code"] = code,
            ["silent"] = false,
            ["store_history"] = true,
            ["user_expressions"] = new JsonObject(),
            ["allow_stdin"] = allowStdin,
            ["stop_on_error"] = true,
        }, timeout);

    /// <summary>Runs a cell that must succeed.</summary>
    public async Task<Exchange> RunAsync(string code, TimeSpan? timeout = null)
    {
        var exchange = await ExecuteAsync(code, timeout: timeout);
        Assert.True(exchange.Status == "ok", $"The cell failed: {exchange}\nkernel stderr: {KernelStderr}");
        return exchange;
    }

    public async Task<Exchange> RequestAsync(Channel channel, string type, JsonObject content, TimeSpan? timeout = null)
    {
        var pending = Send(channel, type, content);
        var wait = timeout ?? Timeout;
        await pending.Reply.Task.WaitAsync(wait);
        await pending.Idle.Task.WaitAsync(wait);
        lock (pending.Published)
        {
            return new Exchange(pending.Reply.Task.Result, [.. pending.Published]);
        }
    }

    /// <summary>Waits until the kernel published a message of <paramref name="type"/> for the running request matching <paramref name="match"/>.</summary>
    public async Task<KernelMessage> WaitForPublishedAsync(Func<KernelMessage, bool> match)
    {
        var found = new TaskCompletionSource<KernelMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(KernelMessage m)
        {
            if (match(m))
            {
                found.TrySetResult(m);
            }
        }

        Published += Check;
        try
        {
            foreach (var pending in _pending.Values)
            {
                lock (pending.Published)
                {
                    pending.Published.ForEach(Check);
                }
            }

            return await found.Task.WaitAsync(Timeout);
        }
        finally
        {
            Published -= Check;
        }
    }

    private event Action<KernelMessage>? Published;

    /// <summary>Sends an answer on stdin (to an input_request).</summary>
    public void ReplyInput(KernelMessage request, string value) =>
        _outgoing.Enqueue((Channel.Stdin, new JupyterMessage
        {
            Header = JupyterMessage.NewHeader("input_reply", _session),
            ParentHeader = request.Header,
            Content = new JsonObject { ["value"] = value },
        }.ToFrames(_signer)));

    /// <summary>Sends raw frames on shell (to check that a badly signed message is refused).</summary>
    public void SendRaw(List<byte[]> frames) => _outgoing.Enqueue((Channel.Shell, frames));

    public MessageSigner Signer => _signer;

    private Pending Send(Channel channel, string type, JsonObject content)
    {
        var message = new JupyterMessage { Header = JupyterMessage.NewHeader(type, _session), Content = content };
        var pending = new Pending();
        _pending[message.Id] = pending;
        _outgoing.Enqueue((channel, message.ToFrames(_signer)));
        return pending;
    }

    private void Receive(NetMQSocket socket, bool isReply)
    {
        var frames = new NetMQMessage();
        while (socket.TryReceiveMultipartMessage(ref frames))
        {
            var message = JupyterMessage.Parse(frames.Select(f => f.ToByteArray()).ToArray(), _signer);
            frames = new NetMQMessage();
            var received = new KernelMessage(message.Type, message.Content, message.Header, message.ParentHeader);
            if (received.Type == "input_request")
            {
                InputRequests.Enqueue(received);
                Published?.Invoke(received);
                continue;
            }

            var parent = message.ParentHeader["msg_id"]?.GetValue<string>();
            if (parent is null || !_pending.TryGetValue(parent, out var pending))
            {
                continue;
            }

            if (isReply)
            {
                pending.Reply.TrySetResult(received);
            }
            else if (received.Type == "status")
            {
                if (received.Text("execution_state") == "idle")
                {
                    pending.Idle.TrySetResult();
                }
            }
            else
            {
                lock (pending.Published)
                {
                    pending.Published.Add(received);
                }

                Published?.Invoke(received);
            }
        }
    }

    /// <summary>Asks the kernel to shut down (as Jupyter does) and waits for its process to exit.</summary>
    public async Task ShutdownAsync(bool restart = false)
    {
        if (_process.HasExited)
        {
            return;
        }

        var reply = await RequestAsync(Channel.Control, "shutdown_request", new JsonObject { ["restart"] = restart });
        Assert.Equal("ok", reply.Status);
        await _process.WaitForExitAsync().WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await ShutdownAsync();
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _poller.Dispose();
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub })
        {
            socket.Options.Linger = TimeSpan.Zero;
            socket.Dispose();
        }

        _outgoing.Dispose();
        _process.Dispose();
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private sealed class Pending
    {
        public TaskCompletionSource<KernelMessage> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Idle { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<KernelMessage> Published { get; } = [];
    }
}

/// <summary>Where the tool under test is, and how to run it and Jupyter's own commands.</summary>
internal static class Tool
{
    /// <summary>The <c>remotekit</c> tool built beside the tests.</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "RemoteKit.Cli.dll");

    /// <summary>The dotnet host running the tests.</summary>
    public static string Dotnet => Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";

    /// <summary>Runs a command to its end; returns its exit code and output (stdout then stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var run = await Processes.RunAsync(
            program, arguments, workingDirectory, environment?.ToDictionary(e => e.Key, e => (string?)e.Value), timeout ?? TimeSpan.FromMinutes(10));
        return (run.ExitCode, run.Out + run.Err);
    }

    /// <summary>
    /// Installs the kernel in <paramref name="folder"/> as a Jupyter data folder (<c>remotekit kernel install --user</c>);
    /// returns the environment that points Jupyter there. The caller disposes the folder.
    /// </summary>
    public static async Task<Dictionary<string, string>> InstallKernelAsync(TempDirectory folder)
    {
        var data = folder.Path;
        var environment = new Dictionary<string, string>
        {
            ["JUPYTER_DATA_DIR"] = data,
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(data, "runtime"),
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(data, "config"),
            ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1",
        };
        var (code, output) = await RunAsync(Dotnet, ["exec", CliDll, "kernel", "install", "--user"], environment);
        Assert.True(code == 0, output);
        return environment;
    }

    /// <summary>Whether a process with this id runs (and is not a zombie).</summary>
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
