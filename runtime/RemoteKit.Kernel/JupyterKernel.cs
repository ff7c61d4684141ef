using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Channel = RemoteKit.Kernel.Jupyter.Channel;
using Microsoft.Extensions.Logging;
using RemoteKit.Kernel.Cells;
using RemoteKit.Kernel.Display;
using RemoteKit.Kernel.Jupyter;

namespace RemoteKit.Kernel;

/// <summary>
/// The RemoteKit Jupyter kernel: C# cells with RemoteKit, served over the Jupyter messaging protocol (5.3) on the sockets a
/// connection file names. Run by <c>remotekit kernel run -f {connection_file}</c>, which a kernelspec written by
/// <see cref="KernelSpec.Install"/> tells Jupyter to start.
/// </summary>
public static class JupyterKernel
{
    /// <summary>
    /// Serves the kernel until Jupyter asks it to shut down (or <paramref name="cancellationToken"/> fires); then disposes the
    /// clusters the notebook started. Cells' standard output and error go to the notebook, so this takes over
    /// <see cref="Console.Out"/> and <see cref="Console.Error"/> while it runs.
    /// </summary>
    /// <param name="connectionFile">The connection file Jupyter wrote (ports, transport and signing key).</param>
    /// <param name="loggerFactory">
    /// Where the kernel logs its own problems (never the cells' output); <see langword="null"/>: warnings and errors to the
    /// process's standard error, which Jupyter shows in its own log.
    /// </param>
    /// <param name="cancellationToken">Stops the kernel.</param>
    /// <returns>A task completing when the kernel has shut down.</returns>
    public static async Task RunAsync(string connectionFile, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionFile);
        var connection = ConnectionFile.Read(connectionFile);
        var logger = loggerFactory?.CreateLogger("RemoteKit.Kernel") ?? new StandardErrorLogger();
        await using var server = new KernelServer(connection, logger);
        await server.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// Dispatches the kernel's requests. Control requests (interrupt, shutdown) are handled at once, even while a cell runs;
/// <c>execute_request</c>s run one after another on a thread of their own; the other shell requests (kernel info,
/// completion, inspection, ...) are answered at once on the thread pool.
/// </summary>
internal sealed class KernelServer : IAsyncDisposable
{
    private static readonly string Version = typeof(KernelServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";
    private readonly ILogger _logger;
    private readonly KernelSockets _sockets;
    private readonly Iopub _iopub;
    private readonly KernelSession _session;
    private readonly System.Threading.Channels.Channel<JupyterMessage> _executions = System.Threading.Channels.Channel.CreateUnbounded<JupyterMessage>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TextWriter _originalOut = Console.Out;
    private readonly TextWriter _originalError = Console.Error;
    private readonly Lock _inputLock = new();
    private TaskCompletionSource<string>? _input;
    private JupyterMessage? _executing;

    public KernelServer(ConnectionFile connection, ILogger logger)
    {
        _logger = logger;
        _sockets = new KernelSockets(connection, logger);
        _iopub = new Iopub(_sockets, Guid.NewGuid().ToString("N"));
        _session = new KernelSession(_iopub);
        _sockets.Received += OnReceived;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        Console.SetOut(new Display.StreamWriter(_iopub, "stdout"));
        Console.SetError(new Display.StreamWriter(_iopub, "stderr"));
        Console.SetIn(new InputReader(this));
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            // interrupt_mode "signal": the same as an interrupt_request.
            context.Cancel = true;
            _session.Interrupt();
        });
        using var orphaned = WatchParent(_shutdown);
        _sockets.Start();
        _iopub.Status("starting", []);
        _ = _session.Scripts.WarmUpAsync();
        var executor = new Thread(() => ExecuteLoop(stop.Token)) { Name = "notebook cells", IsBackground = true };
        executor.Start();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            _executions.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Shuts the kernel down when the process that started it (Jupyter's server, a test) is gone, as ipykernel's parent
    /// poller does: a kernel whose client died would otherwise keep its clusters running.
    /// </summary>
    private static Timer? WatchParent(CancellationTokenSource shutdown)
    {
        if (!OperatingSystem.IsLinux() || ParentId() is not { } parent || parent <= 1)
        {
            return null;
        }

        return new Timer(_ =>
        {
            if (ParentId() != parent)
            {
                shutdown.Cancel();
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private static int? ParentId()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private void OnReceived(Channel channel, JupyterMessage message)
    {
        switch (channel)
        {
            case Channel.Control:
                _ = Task.Run(() => Handle(Channel.Control, message));
                break;
            case Channel.Stdin when message.Type == "input_reply":
                lock (_inputLock)
                {
                    _input?.TrySetResult(message.Content["value"]?.GetValue<string>() ?? "");
                }

                break;
            case Channel.Shell when message.Type == "execute_request":
                _executions.Writer.TryWrite(message);
                break;
            case Channel.Shell:
                _ = Task.Run(() => Handle(Channel.Shell, message));
                break;
        }
    }

    private void ExecuteLoop(CancellationToken stop)
    {
        try
        {
            while (_executions.Reader.WaitToReadAsync(stop).AsTask().GetAwaiter().GetResult())
            {
                while (_executions.Reader.TryRead(out var request))
                {
                    Busy(request, () => Execute(request));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private void Handle(Channel channel, JupyterMessage request)
    {
        try
        {
            Busy(request, () =>
            {
                switch (request.Type)
                {
                    case "kernel_info_request":
                        Reply(channel, request, "kernel_info_reply", KernelInfo());
                        break;
                    case "complete_request":
                    {
                        var code = request.Content["code"]?.GetValue<string>() ?? "";
                        var cursor = request.Content["cursor_pos"]?.GetValue<int>() ?? code.Length;
                        var (matches, start, end) = CodeAssistance.Complete(_session.Scripts, code, cursor);
                        Reply(channel, request, "complete_reply", new JsonObject
                        {
                            ["status"] = "ok",
                            ["matches"] = new JsonArray([.. matches.Select(m => (JsonNode)m)]),
                            ["cursor_start"] = start,
                            ["cursor_end"] = end,
                            ["metadata"] = new JsonObject(),
                        });
                        break;
                    }

                    case "inspect_request":
                    {
                        var code = request.Content["code"]?.GetValue<string>() ?? "";
                        var cursor = request.Content["cursor_pos"]?.GetValue<int>() ?? code.Length;
                        var text = CodeAssistance.Inspect(_session.Scripts, code, cursor);
                        Reply(channel, request, "inspect_reply", new JsonObject
                        {
                            ["status"] = "ok",
                            ["found"] = text is not null,
                            ["data"] = text is null ? new JsonObject() : new JsonObject { ["text/plain"] = text },
                            ["metadata"] = new JsonObject(),
                        });
                        break;
                    }

                    case "is_complete_request":
                    {
                        var (status, indent) = CodeAssistance.IsComplete(request.Content["code"]?.GetValue<string>() ?? "");
                        var content = new JsonObject { ["status"] = status };
                        if (status == "incomplete")
                        {
                            content["indent"] = indent;
                        }

                        Reply(channel, request, "is_complete_reply", content);
                        break;
                    }

                    case "comm_info_request":
                        Reply(channel, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                        break;
                    case "history_request":
                        Reply(channel, request, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() });
                        break;
                    case "interrupt_request":
                        _session.Interrupt();
                        Reply(channel, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                        break;
                    case "shutdown_request":
                    {
                        var restart = request.Content["restart"]?.GetValue<bool>() ?? false;
                        _session.Interrupt();
                        Reply(channel, request, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart });
                        _shutdown.Cancel();
                        break;
                    }

                    case "comm_open":
                        // No comm targets: close it, as the protocol asks.
                        _iopub.Publish("comm_close", new JsonObject { ["comm_id"] = request.Content["comm_id"]?.DeepClone(), ["data"] = new JsonObject() }, request.Header);
                        break;
                    case "comm_msg" or "comm_close":
                        break;
                    default:
                        KernelLog.UnknownRequest(_logger, request.Type);
                        break;
                }
            });
        }
        catch (Exception e)
        {
            KernelLog.RequestFailed(_logger, request.Type, e);
        }
    }

    private void Execute(JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var silent = request.Content["silent"]?.GetValue<bool>() ?? false;
        var storeHistory = !silent && (request.Content["store_history"]?.GetValue<bool>() ?? true);
        _iopub.Parent = request.Header;
        _executing = request;
        var count = _session.ExecutionCount + (storeHistory ? 1 : 0);
        if (!silent)
        {
            _iopub.Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count });
        }

        var outcome = _session.ExecuteAsync(code, storeHistory).GetAwaiter().GetResult();
        _executing = null;
        JsonObject reply;
        if (outcome.Error is { } error)
        {
            var (name, value, traceback) = KernelSession.Describe(error, outcome.Interrupted);
            var content = new JsonObject
            {
                ["ename"] = name,
                ["evalue"] = value,
                ["traceback"] = new JsonArray([.. traceback.Select(l => (JsonNode)l)]),
            };
            if (!silent)
            {
                _iopub.Publish("error", (JsonObject)content.DeepClone());
            }

            reply = content;
            reply["status"] = "error";
        }
        else
        {
            if (outcome.HasValue && !silent)
            {
                JsonObject data;
                try
                {
                    data = KernelSession.Bundle(outcome.Value);
                }
                catch (Exception e)
                {
                    data = new JsonObject { ["text/plain"] = $"<{outcome.Value?.GetType().Name} could not be shown: {e.Message}>" };
                }

                _iopub.Publish("execute_result", new JsonObject { ["execution_count"] = _session.ExecutionCount, ["data"] = data, ["metadata"] = new JsonObject() });
            }

            reply = new JsonObject { ["status"] = "ok", ["user_expressions"] = new JsonObject(), ["payload"] = new JsonArray() };
        }

        reply["execution_count"] = _session.ExecutionCount;
        Reply(Channel.Shell, request, "execute_reply", reply);
    }

    /// <summary>Reads a line from the notebook's user (Jupyter's stdin channel), for <see cref="Console.ReadLine"/> in a cell.</summary>
    internal string? RequestInput(string prompt)
    {
        var request = _executing;
        if (request is null || !(request.Content["allow_stdin"]?.GetValue<bool>() ?? false))
        {
            throw new InvalidOperationException("This notebook client does not take input (allow_stdin is false): Console.ReadLine has no one to ask.");
        }

        _session.FlushConsole();
        var pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_inputLock)
        {
            _input = pending;
        }

        _sockets.Send(Channel.Stdin, new JupyterMessage
        {
            Identities = request.Identities,
            Header = JupyterMessage.NewHeader("input_request", _iopub.Session),
            ParentHeader = request.Header,
            Content = new JsonObject { ["prompt"] = prompt, ["password"] = false },
        });
        try
        {
            return pending.Task.WaitAsync(_session.CellCancellation).GetAwaiter().GetResult();
        }
        finally
        {
            lock (_inputLock)
            {
                _input = null;
            }
        }
    }

    private void Busy(JupyterMessage request, Action handle)
    {
        _iopub.Status("busy", request.Header);
        try
        {
            handle();
        }
        finally
        {
            _iopub.Status("idle", request.Header);
        }
    }

    private void Reply(Channel channel, JupyterMessage request, string type, JsonObject content) =>
        _sockets.Send(channel, new JupyterMessage
        {
            Identities = request.Identities,
            Header = JupyterMessage.NewHeader(type, _iopub.Session),
            ParentHeader = request.Header,
            Content = content,
        });

    private static JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "remotekit",
        ["implementation_version"] = Version,
        ["language_info"] = new JsonObject
        {
            ["name"] = "csharp",
            ["version"] = "13.0",
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = $"C# (RemoteKit {Version}) on .NET {Environment.Version}: cells are C# script with RemoteKit; %lsmagic lists the magics.",
        ["help_links"] = new JsonArray(),
    };

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync().ConfigureAwait(false);
        Console.Out.Flush();
        Console.Error.Flush();
        Console.SetOut(_originalOut);
        Console.SetError(_originalError);
        _sockets.Dispose();
        _shutdown.Dispose();
    }

    /// <summary><see cref="Console.In"/> in the kernel: each line is asked of the notebook's user.</summary>
    private sealed class InputReader(KernelServer server) : TextReader
    {
        public override string? ReadLine() => server.RequestInput("");

        public override int Read() => throw new NotSupportedException("Read whole lines in a notebook: Console.ReadLine().");
    }
}
