using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace RemoteKit.Kernel.Cells;

/// <summary>
/// What cells compile against: the .NET shared framework this process runs on (what a console app gets), RemoteKit's
/// client and contract, MemoryPack, and the kernel's notebook API. Metadata is read once per file and kept; XML
/// documentation beside an assembly feeds the inspector.
/// </summary>
internal static class References
{
    /// <summary>A console app's implicit usings, and RemoteKit's namespace.</summary>
    public static readonly string[] Imports =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading",
        "System.Threading.Tasks", "RemoteKit",
    ];

    private static readonly ConcurrentDictionary<string, MetadataReference> ByPath = new(StringComparer.Ordinal);
    private static readonly Lazy<IReadOnlyList<MetadataReference>> LazyBase = new(CreateBase);

    /// <summary>The references every cell has.</summary>
    public static IReadOnlyList<MetadataReference> Base => LazyBase.Value;

    /// <summary>A reference to the file at <paramref name="path"/>, with its XML documentation when there is some.</summary>
    public static MetadataReference ForFile(string path) => ByPath.GetOrAdd(path, static p =>
    {
        var xml = Path.ChangeExtension(p, ".xml");
        return File.Exists(xml)
            ? MetadataReference.CreateFromFile(p, documentation: new XmlDocumentation(xml))
            : MetadataReference.CreateFromFile(p);
    });

    /// <summary>Every managed assembly of the shared framework directory this process runs from.</summary>
    private static IReadOnlyList<MetadataReference> CreateBase()
    {
        var framework = RuntimeEnvironment.GetRuntimeDirectory();
        var paths = Directory.EnumerateFiles(framework, "*.dll")
            .Where(IsManaged)
            .ToList();
        foreach (var assembly in new[] { typeof(RemoteClient).Assembly, typeof(RemoteAttribute).Assembly, typeof(MemoryPack.MemoryPackSerializer).Assembly, typeof(NotebookGlobals).Assembly })
        {
            paths.Add(assembly.Location);
        }

        return paths.Distinct(StringComparer.Ordinal).Select(ForFile).ToArray();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>An assembly's XML documentation file, read on first use.</summary>
    private sealed class XmlDocumentation(string path) : DocumentationProvider
    {
        private readonly Lazy<Dictionary<string, string>> _members = new(() =>
        {
            var members = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                foreach (var member in System.Xml.Linq.XDocument.Load(path).Descendants("member"))
                {
                    if (member.Attribute("name")?.Value is { } name)
                    {
                        members[name] = member.ToString();
                    }
                }
            }
            catch (Exception e) when (e is IOException or System.Xml.XmlException)
            {
                // No documentation then.
            }

            return members;
        });

        protected override string? GetDocumentationForSymbol(string documentationMemberID, System.Globalization.CultureInfo preferredCulture, CancellationToken cancellationToken = default) =>
            _members.Value.TryGetValue(documentationMemberID, out var xml) ? xml : null;

        public override bool Equals(object? obj) => obj is XmlDocumentation other && other._path == _path;

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_path);

        private readonly string _path = path;
    }
}
