using System.Text;
using System.Text.Json.Nodes;
using RemoteKit.Kernel.Jupyter;

namespace RemoteKit.Kernel.Display;

/// <summary>
/// Publishes on iopub as the reply to the request being served: stream output, displays and their updates. The parent is
/// the request whose cell runs now; output written after that cell ended (a background task) goes to the next one, as in
/// IPython.
/// </summary>
internal sealed class Iopub(KernelSockets sockets, string session)
{
    private JsonObject _parent = [];

    public string Session => session;

    /// <summary>The header of the request whose outputs are being published.</summary>
    public JsonObject Parent
    {
        get => Volatile.Read(ref _parent);
        set => Volatile.Write(ref _parent, value);
    }

    public void Publish(string type, JsonObject content, JsonObject? parent = null) =>
        sockets.Send(Channel.Iopub, new JupyterMessage
        {
            Header = JupyterMessage.NewHeader(type, session),
            ParentHeader = (JsonObject)(parent ?? Parent).DeepClone(),
            Content = content,
        });

    public void Status(string state, JsonObject parent) => Publish("status", new JsonObject { ["execution_state"] = state }, parent);

    public void Stream(string name, string text) => Publish("stream", new JsonObject { ["name"] = name, ["text"] = text });

    /// <summary>Shows <paramref name="data"/> (MIME type to value); with <paramref name="displayId"/> it can be updated later.</summary>
    public void Display(JsonObject data, string? displayId = null, bool update = false)
    {
        var content = new JsonObject { ["data"] = data, ["metadata"] = new JsonObject() };
        if (displayId is not null)
        {
            content["transient"] = new JsonObject { ["display_id"] = displayId };
        }

        Publish(update ? "update_display_data" : "display_data", content);
    }
}

/// <summary>
/// <see cref="Console.Out"/> and <see cref="Console.Error"/> in the kernel: text becomes iopub <c>stream</c> messages, sent
/// at each line end no sooner than every 50 ms, and at once when flushed, so a cell printing in a loop shows its lines as
/// they come without one message per write.
/// </summary>
internal sealed class StreamWriter : TextWriter
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private readonly Iopub _iopub;
    private readonly string _name;
    private readonly StringBuilder _buffer = new();
    private readonly Lock _lock = new();
    private readonly Timer _timer;
    private long _lastSent;

    public StreamWriter(Iopub iopub, string name)
    {
        _iopub = iopub;
        _name = name;
        _timer = new Timer(_ => Flush(), null, Interval, Interval);
    }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_lock)
        {
            _buffer.Append(value);
            if (value == '\n')
            {
                FlushIfDueLocked();
            }
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_lock)
        {
            _buffer.Append(value);
            if (value.Contains('\n', StringComparison.Ordinal))
            {
                FlushIfDueLocked();
            }
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush()
    {
        lock (_lock)
        {
            SendLocked();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer.Dispose();
            Flush();
        }

        base.Dispose(disposing);
    }

    private void FlushIfDueLocked()
    {
        if (Environment.TickCount64 - _lastSent >= Interval.TotalMilliseconds)
        {
            SendLocked();
        }
    }

    private void SendLocked()
    {
        if (_buffer.Length == 0)
        {
            return;
        }

        _iopub.Stream(_name, _buffer.ToString());
        _buffer.Clear();
        _lastSent = Environment.TickCount64;
    }
}
