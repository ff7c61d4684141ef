using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace RemoteKit.Generators.Helpers
{
    internal static class Identifiers
    {
        /// <summary>Escapes a name that is a C# keyword (<c>@class</c>).</summary>
        public static string Escape(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        /// <summary>Turns an arbitrary string (an assembly name) into an identifier fragment.</summary>
        public static string Sanitize(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
            }

            return builder.Length == 0 ? "_" : builder.ToString();
        }
    }
}
