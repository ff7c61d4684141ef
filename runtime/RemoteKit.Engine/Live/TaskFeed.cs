using System.Text;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Engine;

/// <summary>
/// What one running task prints, reports and publishes, sent to its caller while it runs (task events) and kept for its
/// result. Output goes out as soon as it is written after a pause, then at most once per <see cref="LiveSettings.Interval"/>
/// unless <see cref="LiveSettings.BatchChars"/> are waiting, within the engine's <see cref="LiveOutputBudget"/>; progress and
/// published values go out at most once per interval each, the latest value winning. <see cref="Close"/> sends whatever
/// is left, so every event of a task is sent before its result.
/// </summary>
/// <remarks>
/// Bounds: live output waiting to be sent never exceeds <see cref="LiveSettings.PendingChars"/> (what is written beyond it
/// is dropped, and the next piece of that stream says how much: <see cref="OutputChunk.DroppedBefore"/>), and the result keeps
/// at most <see cref="LiveSettings.KeptChars"/> per stream (<see cref="KeptOutput"/>).
/// </remarks>
internal sealed class TaskFeed : ITaskEventSink
{
    private readonly IFrameChannel _channel;
    private readonly ulong _taskId;
    private readonly int _engineId;
    private readonly LiveSettings _settings;
    private readonly LiveOutputBudget _budget;
    private readonly TimeProvider _time;
    private readonly long _interval;

    /// <summary>A time long enough ago (and far from overflowing) that the first event of each kind goes at once.</summary>
    private const long NeverSent = long.MinValue / 4;
    private readonly Lock _gate = new();

    // Made on first use: a task that prints, reports and publishes nothing costs this object only.
    private KeptOutput? _stdout;
    private KeptOutput? _stderr;
    private List<Piece>? _pending;
    private List<(string Name, LatestValue Value)>? _data;
    private int _pendingChars;
    private long _droppedStdout;
    private long _droppedStderr;
    private long _outputSentAt;
    private LatestValue? _progress;
    private long _progressSentAt;
    private long _dataSentAt;
    private ITimer? _timer;
    private long _timerDue = long.MaxValue;
    private bool _closed;
    private readonly bool _direct;

    /// <param name="channel">Where the events go.</param>
    /// <param name="taskId">The task they name: the controller's task id, or the client's for a task sent in one hop.</param>
    /// <param name="engineId">The engine.</param>
    /// <param name="settings">The pace.</param>
    /// <param name="budget">The engine's budget of live output.</param>
    /// <param name="time">The clock.</param>
    /// <param name="direct">Whether the task came in one hop: its events go straight to its client (<see cref="DirectTaskEventMessage"/>).</param>
    public TaskFeed(IFrameChannel channel, ulong taskId, int engineId, LiveSettings settings, LiveOutputBudget budget, TimeProvider time, bool direct = false)
    {
        _direct = direct;
        _channel = channel;
        _taskId = taskId;
        _engineId = engineId;
        _settings = settings;
        _budget = budget;
        _time = time;
        _interval = (long)(settings.Interval.TotalSeconds * time.TimestampFrequency);

        // The first of each goes at once (without reading the clock for every task: most send nothing).
        _outputSentAt = _progressSentAt = _dataSentAt = NeverSent;
    }

    /// <summary>Takes what the task wrote to one of its streams.</summary>
    public void Write(bool stderr, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            (stderr ? _stderr ??= new KeptOutput(_settings.KeptChars, "stderr") : _stdout ??= new KeptOutput(_settings.KeptChars, "stdout")).Append(text);
            ref var dropped = ref stderr ? ref _droppedStderr : ref _droppedStdout;
            var take = Math.Min(_settings.PendingChars - _pendingChars, text.Length);
            if (take > 0)
            {
                var stream = stderr ? OutputStreamKind.Stderr : OutputStreamKind.Stdout;
                var pending = _pending ??= [];
                if (pending.Count > 0 && pending[^1].Stream == stream && dropped == 0)
                {
                    pending[^1].Text.Append(text[..take]);
                }
                else
                {
                    pending.Add(new Piece(stream, dropped, new StringBuilder().Append(text[..take])));
                    dropped = 0;
                }

                _pendingChars += take;
            }

            dropped += text.Length - take;
            Pump();
        }
    }

    /// <inheritdoc />
    public void ProgressChanged(LatestValue value)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _progress = value;
            Pump();
        }
    }

    /// <inheritdoc />
    public void DataChanged(string name, LatestValue value)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            var data = _data ??= [];
            if (!data.Exists(d => d.Name == name))
            {
                data.Add((name, value));
            }

            Pump();
        }
    }

    /// <summary>
    /// Sends what is still waiting (the last output, progress and published values, whatever the pace) and stops: what the
    /// task writes afterwards is dropped. Returns the output the result keeps.
    /// </summary>
    public TaskOutputText Close()
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _closed = true;
                _timer?.Dispose();
                if (_pendingChars > 0 || _droppedStdout > 0 || _droppedStderr > 0)
                {
                    SendOutput(int.MaxValue);
                }

                SendProgress();
                SendData();
            }

            return new TaskOutputText(_stdout?.Text(), _stderr?.Text(), _stdout?.Dropped ?? 0, _stderr?.Dropped ?? 0);
        }
    }

    /// <summary>Sends what is due now and arms the timer for what will be due later. Called under the lock.</summary>
    private void Pump()
    {
        var now = _time.GetTimestamp();
        var next = long.MaxValue;
        if (_pendingChars > 0)
        {
            if (_pendingChars >= _settings.BatchChars || now - _outputSentAt >= _interval)
            {
                var granted = _budget.Take(_pendingChars);
                if (granted > 0)
                {
                    SendOutput(granted);
                    _outputSentAt = now;
                }
            }

            if (_pendingChars > 0)
            {
                var refill = (long)(_budget.UntilAvailable(Math.Min(_pendingChars, _settings.BatchChars)).TotalSeconds * _time.TimestampFrequency);
                next = Math.Max(_outputSentAt + _interval, now + refill);
            }
        }

        if (_progress is not null)
        {
            if (now - _progressSentAt >= _interval)
            {
                SendProgress();
                _progressSentAt = now;
            }
            else
            {
                next = Math.Min(next, _progressSentAt + _interval);
            }
        }

        if (_data is { Count: > 0 })
        {
            if (now - _dataSentAt >= _interval)
            {
                SendData();
                _dataSentAt = now;
            }
            else
            {
                next = Math.Min(next, _dataSentAt + _interval);
            }
        }

        if (next != long.MaxValue && next < _timerDue)
        {
            _timerDue = next;
            _timer ??= _time.CreateTimer(static s => ((TaskFeed)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var delay = TimeSpan.FromSeconds(Math.Max(0, next - now) / (double)_time.TimestampFrequency);
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            _timerDue = long.MaxValue;
            if (!_closed)
            {
                Pump();
            }
        }
    }

    /// <summary>An event frame of this task: to the controller, or to the client of a task sent in one hop.</summary>
    private FrameBuilder StartEvent(TaskEventKind kind, int bodySizeHint) => _direct
        ? Message.Start(new DirectTaskEventMessage(_taskId, _engineId, kind), bodySizeHint)
        : Message.Start(new EngineTaskEventMessage(_taskId, _engineId, kind), bodySizeHint);

    /// <summary>Sends up to <paramref name="chars"/> characters of the pending output, in order, as one event.</summary>
    private void SendOutput(int chars)
    {
        var chunks = new List<OutputChunk>();
        var sent = 0;
        var pending = _pending ??= [];
        while (pending.Count > 0 && sent < chars)
        {
            var piece = pending[0];
            var take = Math.Min(piece.Text.Length, chars - sent);
            chunks.Add(new OutputChunk(piece.Stream, piece.DroppedBefore, piece.Text.ToString(0, take)));
            sent += take;
            if (take == piece.Text.Length)
            {
                pending.RemoveAt(0);
            }
            else
            {
                piece.Text.Remove(0, take);
                pending[0] = piece with { DroppedBefore = 0 };
            }
        }

        _pendingChars -= sent;
        if (chars == int.MaxValue)
        {
            // The task ended: drops after the last text are said with no text.
            if (_droppedStdout > 0)
            {
                chunks.Add(new OutputChunk(OutputStreamKind.Stdout, _droppedStdout, string.Empty));
            }

            if (_droppedStderr > 0)
            {
                chunks.Add(new OutputChunk(OutputStreamKind.Stderr, _droppedStderr, string.Empty));
            }

            _droppedStdout = _droppedStderr = 0;
        }

        if (chunks.Count == 0)
        {
            return;
        }

        var frame = StartEvent(TaskEventKind.Output, 16 + (sent * 3) + (chunks.Count * 13));
        OutputEvent.Write(frame, chunks);
        _channel.Send(frame.Finish());
    }

    private void SendProgress()
    {
        if (_progress is not { } value)
        {
            return;
        }

        _progress = null;
        var frame = StartEvent(TaskEventKind.Progress, value.Length);
        value.WriteTo(frame);
        _channel.Send(frame.Finish());
    }

    private void SendData()
    {
        if (_data is null)
        {
            return;
        }

        foreach (var (name, value) in _data)
        {
            var frame = StartEvent(TaskEventKind.Data, value.Length + (name.Length * 3) + 256);
            value.WriteTo(frame, (w, typeName) => new DataEvent(name, typeName).Write(w));
            _channel.Send(frame.Finish());
        }

        _data.Clear();
    }

    private readonly record struct Piece(OutputStreamKind Stream, long DroppedBefore, StringBuilder Text);
}
