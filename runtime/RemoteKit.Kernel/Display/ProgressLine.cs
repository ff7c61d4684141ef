using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RemoteKit.Kernel.Display;

/// <summary>
/// Where <c>ar.WaitInteractive()</c> draws in a notebook: the bar <see cref="ProgressDisplay"/> redraws with a carriage
/// return becomes one display, updated in place (<c>update_display_data</c>) at each redraw, instead of a stream of lines.
/// Lines it ends (the final totals) stay in that display.
/// </summary>
internal sealed partial class ProgressLine(Iopub iopub) : TextWriter
{
    private readonly string _displayId = "progress-" + Guid.NewGuid().ToString("N");
    private readonly List<string> _done = [];
    private readonly StringBuilder _line = new();
    private readonly Lock _lock = new();
    private bool _shown;
    private string _lastSent = "";

    /// <summary>The options that make <see cref="ProgressDisplay"/> draw through a new one of these.</summary>
    public static ProgressDisplayOptions Options(Iopub iopub) => new()
    {
        Mode = ProgressDisplayMode.Bar,
        Output = new ProgressLine(iopub),
        Width = 100,
    };

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_lock)
        {
            foreach (var c in Ansi().Replace(value, ""))
            {
                switch (c)
                {
                    case '\r':
                        _line.Clear();
                        break;
                    case '\n':
                        _done.Add(_line.ToString());
                        _line.Clear();
                        break;
                    default:
                        _line.Append(c);
                        break;
                }
            }
        }
    }

    public override void Flush()
    {
        string text;
        bool update;
        lock (_lock)
        {
            text = string.Join("\n", _line.Length > 0 ? [.. _done, _line.ToString()] : _done);
            if (text == _lastSent)
            {
                return;
            }

            _lastSent = text;
            update = _shown;
            _shown = true;
        }

        iopub.Display(new JsonObject { ["text/plain"] = text }, _displayId, update);
    }

    [GeneratedRegex("\u001b\\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();
}
