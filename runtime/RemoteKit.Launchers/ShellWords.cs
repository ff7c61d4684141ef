using System.Text;

namespace RemoteKit.Launchers;

/// <summary>POSIX shell quoting: commands that run on other hosts, in job scripts and under <c>sh -c</c>.</summary>
internal static class ShellWords
{
    /// <summary>A word the shell reads back unchanged: as it is when it holds only safe characters, else in single quotes.</summary>
    public static string Quote(string word)
    {
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@%+,".Contains(c)))
        {
            return word;
        }

        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>Words joined into one command line, each quoted as needed.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    /// <summary>Splits a command line into words the way <c>sh</c> would (quotes and backslashes; no expansion).</summary>
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case ' ' or '\t' or '\n':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '\'':
                {
                    var end = line.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        throw new FormatException($"Unterminated single quote in: {line}");
                    }

                    word.Append(line, i + 1, end - i - 1);
                    i = end;
                    inWord = true;
                    break;
                }

                case '"':
                    for (i++; i < line.Length && line[i] != '"'; i++)
                    {
                        if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`')
                        {
                            i++;
                        }

                        word.Append(line[i]);
                    }

                    if (i >= line.Length)
                    {
                        throw new FormatException($"Unterminated double quote in: {line}");
                    }

                    inWord = true;
                    break;
                case '\\' when i + 1 < line.Length:
                    word.Append(line[++i]);
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
