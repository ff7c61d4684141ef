using System.Text;

namespace RemoteKit.Generators.Helpers
{
    /// <summary>A tiny indenting text writer for generated C#.</summary>
    internal sealed class SourceWriter
    {
        private const int IndentSize = 4;
        private readonly StringBuilder _builder = new StringBuilder();

        public int Indentation { get; set; }

        public void WriteLine() => _builder.AppendLine();

        public void WriteLine(string text)
        {
            if (text.Length == 0)
            {
                _builder.AppendLine();
                return;
            }

            foreach (var line in text.Split('\n'))
            {
                _builder.Append(' ', Indentation * IndentSize).AppendLine(line.TrimEnd('\r'));
            }
        }

        /// <summary>Writes a line without indentation (preprocessor directives).</summary>
        public void WriteRaw(string text) => _builder.AppendLine(text);

        public void OpenBlock(string header)
        {
            if (header.Length > 0)
            {
                WriteLine(header);
            }

            WriteLine("{");
            Indentation++;
        }

        public void CloseBlock(string suffix = "")
        {
            Indentation--;
            WriteLine("}" + suffix);
        }

        public override string ToString() => _builder.ToString();
    }
}
