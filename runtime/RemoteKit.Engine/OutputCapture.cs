using System.Text;

namespace RemoteKit.Engine;

/// <summary>
/// Routes <see cref="Console.Out"/> and <see cref="Console.Error"/> to the running task's own buffers (an AsyncLocal, so
/// output from work the task awaits or starts lands in the same task), and to the real console otherwise.
/// </summary>
internal static class OutputCapture
{
    private static readonly AsyncLocal<Buffers?> Current = new();
    private static int _installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1)
        {
            return;
        }

        Console.SetOut(new RoutingWriter(Console.Out, static b => b.Out));
        Console.SetError(new RoutingWriter(Console.Error, static b => b.Err));
    }

    /// <summary>Starts capturing for the current async flow; returns the buffers to read when the task ends.</summary>
    public static Buffers Begin()
    {
        var buffers = new Buffers();
        Current.Value = buffers;
        return buffers;
    }

    public static void End() => Current.Value = null;

    internal sealed class Buffers
    {
        public StringBuilder Out { get; } = new();

        public StringBuilder Err { get; } = new();

        public string? Stdout() => Read(Out);

        public string? Stderr() => Read(Err);

        private static string? Read(StringBuilder sb)
        {
            lock (sb)
            {
                return sb.Length == 0 ? null : sb.ToString();
            }
        }
    }

    private sealed class RoutingWriter(TextWriter fallback, Func<Buffers, StringBuilder> select) : TextWriter
    {
        public override Encoding Encoding => fallback.Encoding;

        public override void Write(char value)
        {
            if (Current.Value is { } b)
            {
                Append(select(b), value.ToString());
            }
            else
            {
                fallback.Write(value);
            }
        }

        public override void Write(string? value)
        {
            if (Current.Value is { } b)
            {
                Append(select(b), value);
            }
            else
            {
                fallback.Write(value);
            }
        }

        private static void Append(StringBuilder sb, string? value)
        {
            lock (sb)
            {
                sb.Append(value);
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

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
