using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace RemoteKit.Generators.Tests;

/// <summary>Analyzer release tracking: every RK rule the generator and analyzer report is listed, with its real severity.</summary>
public class ReleaseTrackingTests
{
    [Fact]
    public void Every_RK_rule_is_listed_once_in_the_analyzer_release_files_with_its_category_and_severity()
    {
        var folder = Path.Combine(Repository.Root, "generators", "RemoteKit.Generators");
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            foreach (Match row in Regex.Matches(File.ReadAllText(Path.Combine(folder, file)), @"^(RK\d{4})\s*\|\s*(\w+)\s*\|\s*(\w+)\s*\|", RegexOptions.Multiline))
            {
                Assert.True(listed.TryAdd(row.Groups[1].Value, row.Groups[2].Value + "/" + row.Groups[3].Value), row.Groups[1].Value + " is listed twice");
            }
        }

        var descriptors = typeof(RemoteGenerator).Assembly.GetType("RemoteKit.Generators.DiagnosticDescriptors", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToDictionary(d => d.Id, d => d.Category + "/" + d.DefaultSeverity);

        Assert.Equal(descriptors.OrderBy(p => p.Key), listed.OrderBy(p => p.Key));
    }
}
