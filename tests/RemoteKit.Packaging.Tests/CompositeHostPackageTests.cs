using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using Xunit;

namespace RemoteKit.Packaging.Tests;

/// <summary>
/// The opt-in RemoteKit.Host.Composite.linux-x64 package: its host (self-contained, one composite ReadyToRun image) takes
/// the place of the framework-dependent one in the output's remotekit-host/, and engines run Execute on it.
/// </summary>
public sealed partial class PackageTests
{
    private const string CompositePackage = "RemoteKit.Host.Composite.linux-x64";

    private const string CompositeApp = """
        using RemoteKit;

        await using var cluster = await Cluster.StartAsync(engines: 2);
        var all = cluster.Client[..];
        all["i"] = 3;
        all.Execute("var b = (int)Math.Pow(i, 5);");
        Console.WriteLine("B " + string.Join(",", all.Pull<int>("b")));
        foreach (var runtime in await all.ApplyAsync(Work.RuntimeDirectory))
        {
            Console.WriteLine("RUNTIME " + runtime);
        }

        public static partial class Work
        {
            // Where the engine's own System.Private.CoreLib was loaded from: the host's folder when it carries its runtime.
            [Remote]
            public static string RuntimeDirectory() => Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        }
        """;

    private static readonly SemaphoreSlim CompositeAppGate = new(1, 1);
    private static string? _compositeApp;

    private async Task<string> CompositeAppAsync()
    {
        await CompositeAppGate.WaitAsync();
        try
        {
            return _compositeApp ??= await packages.BuildProjectAsync("CompositeApp",
                packages.ConsoleProject($"\n    <PackageReference Include=\"{CompositePackage}\" Version=\"{packages.Version}\" />"),
                new Dictionary<string, string> { ["Program.cs"] = CompositeApp });
        }
        finally
        {
            CompositeAppGate.Release();
        }
    }

    [Fact]
    public async Task With_the_composite_host_package_the_output_holds_a_self_contained_precompiled_host_whose_engines_run_Execute()
    {
        var app = await CompositeAppAsync();
        var host = Path.Combine(Path.GetDirectoryName(app)!, "remotekit-host");
        Assert.True(File.Exists(Path.Combine(host, "RemoteKit.Host.dll")));
        Assert.True(File.Exists(Path.Combine(host, "RemoteKit.Host.r2r.dll")), "no composite image in " + host);
        Assert.True(File.Exists(Path.Combine(host, "libcoreclr.so")), "no runtime of its own in " + host);
        Assert.True(File.Exists(Path.Combine(host, "System.Private.CoreLib.dll")));
        Assert.True(RuntimeConfig(host).TryGetProperty("includedFrameworks", out _), "the host's runtimeconfig.json is not a self-contained one");
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(host, "createdump")).HasFlag(UnixFileMode.UserExecute), "the runtime's createdump is not executable");

        var run = await Processes.RunAsync("dotnet", [app]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("B 243,243", run.Out);
        var runtimes = run.Out.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("RUNTIME ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, runtimes.Count);
        Assert.All(runtimes, r => Assert.Equal(Path.TrimEndingDirectorySeparator(Path.GetFullPath(host)), r["RUNTIME ".Length..]));
    }

    [Fact]
    public async Task With_both_packages_only_the_composite_package_copies_into_remotekit_host_and_RemoteKitHostComposite_false_gives_back_the_plain_host()
    {
        var project = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(await CompositeAppAsync()))))!;

        var composite = await HostCopiesAsync(project);
        Assert.NotEmpty(composite);
        Assert.All(composite, c => Assert.Equal(CompositePackage.ToLowerInvariant(), c.Package));
        Assert.Equal(composite.Count, composite.Select(c => c.Link).Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(composite, c => c.Link == "remotekit-host/RemoteKit.Host.r2r.dll");

        var plain = await HostCopiesAsync(project, "-p:RemoteKitHostComposite=false");
        Assert.NotEmpty(plain);
        Assert.All(plain, c => Assert.Equal("remotekit", c.Package));
        Assert.Contains(plain, c => c.Link == "remotekit-host/RemoteKit.Host.dll");
        Assert.DoesNotContain(plain, c => c.Link == "remotekit-host/RemoteKit.Host.r2r.dll");
    }

    [Fact]
    public async Task Building_an_output_that_held_the_composite_host_with_RemoteKitHostComposite_false_leaves_only_the_plain_host()
    {
        var app = await packages.BuildProjectAsync("CompositeSwitchApp",
            packages.ConsoleProject($"\n    <PackageReference Include=\"{CompositePackage}\" Version=\"{packages.Version}\" />"),
            new Dictionary<string, string> { ["Program.cs"] = CompositeApp });
        var host = Path.Combine(Path.GetDirectoryName(app)!, "remotekit-host");
        Assert.True(File.Exists(Path.Combine(host, "RemoteKit.Host.r2r.dll")), "no composite image in " + host);

        var project = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(app))))!;
        var rebuild = await Processes.RunAsync("dotnet", ["build", project, "-c", "Release", "-p:RemoteKitHostComposite=false"], workingDirectory: packages.Root, timeout: Patience.Build);
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.True(File.Exists(Path.Combine(host, "RemoteKit.Host.dll")));
        Assert.False(File.Exists(Path.Combine(host, "RemoteKit.Host.r2r.dll")), "the composite image stayed in " + host);
        Assert.False(File.Exists(Path.Combine(host, "libcoreclr.so")), "the composite host's runtime stayed in " + host);
        var frameworks = RuntimeConfig(host).GetProperty("frameworks").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("Microsoft.NETCore.App", frameworks);
    }

    [Fact]
    public void The_RemoteKit_package_alone_copies_the_framework_dependent_host()
    {
        var host = Path.Combine(Path.GetDirectoryName(packages.AppDll)!, "remotekit-host");
        Assert.True(File.Exists(Path.Combine(host, "RemoteKit.Host.dll")));
        Assert.False(File.Exists(Path.Combine(host, "RemoteKit.Host.r2r.dll")));
        Assert.False(File.Exists(Path.Combine(host, "libcoreclr.so")));
        var frameworks = RuntimeConfig(host).GetProperty("frameworks").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("Microsoft.NETCore.App", frameworks);
    }

    [Fact]
    public void The_composite_host_package_depends_on_exactly_its_RemoteKit_version_with_all_assets_and_ships_no_symbols_docs_or_apphost()
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Feed, $"{CompositePackage}.{packages.Version}.nupkg"));
        var names = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("tools/remotekit-host/RemoteKit.Host.dll", names);
        Assert.Contains("tools/remotekit-host/RemoteKit.Host.r2r.dll", names);
        Assert.Contains("tools/remotekit-host/libcoreclr.so", names);
        Assert.DoesNotContain("tools/remotekit-host/RemoteKit.Host", names);
        Assert.DoesNotContain(names, n => n.StartsWith("tools/", StringComparison.Ordinal) && (n.EndsWith(".pdb", StringComparison.Ordinal) || n.EndsWith(".xml", StringComparison.Ordinal)));
        Assert.DoesNotContain(names, n => n.StartsWith("lib/", StringComparison.Ordinal));
        foreach (var folder in new[] { "build", "buildTransitive" })
        {
            Assert.Contains($"{folder}/{CompositePackage}.props", names);
            Assert.Contains($"{folder}/{CompositePackage}.targets", names);
        }

        using var nuspec = package.GetEntry($"{CompositePackage}.nuspec")!.Open();
        var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").ToList();
        var remoteKit = Assert.Single(dependencies);
        Assert.Equal("RemoteKit", (string?)remoteKit.Attribute("id"));
        Assert.Equal($"[{packages.Version}]", (string?)remoteKit.Attribute("version"));
        Assert.Null(remoteKit.Attribute("exclude"));
    }

    /// <summary>The items a project's build copies into remotekit-host/, each with the package (lower case) it comes from.</summary>
    private static async Task<List<(string Link, string Package)>> HostCopiesAsync(string project, params string[] properties)
    {
        var run = await Processes.RunAsync("dotnet", ["msbuild", project, "-getItem:None", "-p:Configuration=Release", .. properties]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var cache = Path.TrimEndingDirectorySeparator(Path.GetFullPath(PackagesFixture.NuGetCache())) + Path.DirectorySeparatorChar;
        return JsonDocument.Parse(run.Out).RootElement.GetProperty("Items").GetProperty("None").EnumerateArray()
            .Where(i => i.TryGetProperty("Link", out var link) && link.GetString()!.StartsWith("remotekit-host/", StringComparison.Ordinal))
            .Select(i =>
            {
                var source = i.GetProperty("FullPath").GetString()!;
                Assert.StartsWith(cache, source, StringComparison.Ordinal);
                return (i.GetProperty("Link").GetString()!, source[cache.Length..].Split(Path.DirectorySeparatorChar)[0]);
            })
            .ToList();
    }

    private static JsonElement RuntimeConfig(string host) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(host, "RemoteKit.Host.runtimeconfig.json"))).RootElement.GetProperty("runtimeOptions");
}
