using System.Text;

namespace RemoteKit.Engine;

/// <summary>
/// Routes <see cref="Console.Out"/> and <see cref="Console.Error"/> to the running task's <see cref="TaskFeed"/> (an
/// AsyncLocal, so output from work the task awaits or starts lands in the same task), and to the real console otherwise.
/// Output written after its task ended goes nowhere.
/// </summary>
internal static class OutputCapture
{
    private static readonly AsyncLocal<TaskFeed?> Current = new();
    private static int _installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1)
        {
            return;
        }

        Console.SetOut(new RoutingWriter(Console.Out, stderr: false));
        Console.SetError(new RoutingWriter(Console.Error, stderr: true));
    }

    /// <summary>Starts capturing into <paramref name="feed"/> for the current async flow.</summary>
    public static void Begin(TaskFeed feed) => Current.Value = feed;

    public static void End() => Current.Value = null;

    private sealed class RoutingWriter(TextWriter fallback, bool stderr) : TextWriter
    {
        public override Encoding Encoding => fallback.Encoding;

        public override void Write(char value)
        {
            if (Current.Value is { } feed)
            {
                feed.Write(stderr, [value]);
            }
            else
            {
                fallback.Write(value);
            }
        }

        public override void Write(string? value)
        {
            if (Current.Value is { } feed)
            {
                feed.Write(stderr, value);
            }
            else
            {
                fallback.Write(value);
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(ReadOnlySpan<char> buffer)
        {
            if (Current.Value is { } feed)
            {
                feed.Write(stderr, buffer);
            }
            else
            {
                fallback.Write(buffer);
            }
        }

        public override void WriteLine(string? value) => Write(value + Environment.NewLine);

        public override void Flush()
        {
            if (Current.Value is null)
            {
                fallback.Flush();
            }
        }
    }
}

/// <summary>
/// What a task's result keeps of one output stream: everything up to <c>limit</c> characters; past that, the first and the
/// last half of the limit, with a line in between saying how much was left out. A task that floods its output holds bounded
/// memory, and its caller still sees how it began and how it ended.
/// </summary>
internal sealed class KeptOutput(int limit, string name)
{
    private readonly int _headLimit = limit / 2;
    private readonly StringBuilder _head = new();
    private char[]? _tail;
    private int _tailStart;
    private int _tailCount;

    /// <summary>Characters written but not kept.</summary>
    public long Dropped { get; private set; }

    public void Append(ReadOnlySpan<char> text)
    {
        var take = Math.Min(_headLimit - _head.Length, text.Length);
        if (take > 0)
        {
            _head.Append(text[..take]);
            text = text[take..];
        }

        if (text.IsEmpty)
        {
            return;
        }

        var tail = _tail ??= new char[Math.Max(1, limit - _headLimit)];
        if (text.Length >= tail.Length)
        {
            Dropped += _tailCount + text.Length - tail.Length;
            text[^tail.Length..].CopyTo(tail);
            (_tailStart, _tailCount) = (0, tail.Length);
            return;
        }

        var overflow = _tailCount + text.Length - tail.Length;
        if (overflow > 0)
        {
            Dropped += overflow;
            _tailStart = (_tailStart + overflow) % tail.Length;
            _tailCount -= overflow;
        }

        var at = (_tailStart + _tailCount) % tail.Length;
        var first = Math.Min(text.Length, tail.Length - at);
        text[..first].CopyTo(tail.AsSpan(at));
        text[first..].CopyTo(tail);
        _tailCount += text.Length;
    }

    /// <summary>The text kept, or null when nothing was written.</summary>
    public string? Text()
    {
        if (_head.Length == 0 && _tailCount == 0)
        {
            return null;
        }

        var text = new StringBuilder(_head.Length + _tailCount + 160).Append(_head);
        if (Dropped > 0)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"\n[RemoteKit: {Dropped:N0} characters of {name} were not kept; the result holds the first {_headLimit:N0} and the last {_tail!.Length:N0}]\n");
        }

        if (_tail is { } tail)
        {
            var first = Math.Min(_tailCount, tail.Length - _tailStart);
            text.Append(tail, _tailStart, first).Append(tail, 0, _tailCount - first);
        }

        return text.ToString();
    }
}
