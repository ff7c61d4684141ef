using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace RemoteKit.Abstractions.Arity.Helpers
{
    /// <summary>
    /// Builds code from a raw interpolated string, so that a template reads like the code it writes. A value of several lines
    /// (one line per argument, say) is indented like the line it starts on; a value with no text that stands alone on its line
    /// (the argument docs of arity 0) takes the line with it.
    /// </summary>
    [InterpolatedStringHandler]
    internal sealed class Code
    {
        private readonly StringBuilder _text;
        private bool _dropNewline;

        public Code(int literalLength, int formattedCount) => _text = new StringBuilder(literalLength + (formattedCount * 32));

        public void AppendLiteral(string text)
        {
            if (_dropNewline && text.StartsWith("\n", System.StringComparison.Ordinal))
            {
                text = text.Substring(1);
            }

            _dropNewline = false;
            _text.Append(text);
        }

        public void AppendFormatted(int value) => AppendFormatted(value.ToString(CultureInfo.InvariantCulture));

        public void AppendFormatted(string value)
        {
            var lineStart = CurrentLineStart();
            var indent = IndentAt(lineStart);
            if (value.Length == 0 && lineStart + indent.Length == _text.Length)
            {
                _text.Length = lineStart;
                _dropNewline = true;
                return;
            }

            _dropNewline = false;
            var lines = value.Split('\n');
            _text.Append(lines[0]);
            for (var i = 1; i < lines.Length; i++)
            {
                _text.Append('\n');
                if (lines[i].Length > 0)
                {
                    _text.Append(indent).Append(lines[i]);
                }
            }
        }

        public override string ToString() => _text.ToString();

        private int CurrentLineStart()
        {
            var start = _text.Length;
            while (start > 0 && _text[start - 1] != '\n')
            {
                start--;
            }

            return start;
        }

        private string IndentAt(int lineStart)
        {
            var end = lineStart;
            while (end < _text.Length && _text[end] == ' ')
            {
                end++;
            }

            return _text.ToString(lineStart, end - lineStart);
        }
    }
}
