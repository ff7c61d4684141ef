using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Security;
using System.Text;
using System.Text.Json;

namespace RemoteKit.Kernel.Cells;

/// <summary>A NuGet package a cell asked for with <c>#r "nuget: Name, Version"</c>.</summary>
internal sealed record PackageRequest(string Name, string? Version);

/// <summary>
/// Restores the packages cells ask for with <c>#r "nuget: ..."</c> the way a project would: a small project in a folder of
/// its own lists every package asked for so far (so their versions resolve together), <c>dotnet restore</c> runs it
/// against the configured NuGet feeds (the user's NuGet configuration, and a <c>nuget.config</c> found from the
/// notebook's folder upward), and the runtime assemblies named in its <c>project.assets.json</c> are what cells reference.
/// They load into the default load context, so that the code shipper finds their files when a [Remote] method uses them.
/// </summary>
internal sealed class PackageRestorer
{
    private readonly string _directory;
    private readonly List<PackageRequest> _packages = [];
    private readonly Dictionary<string, string> _assemblies = new(StringComparer.OrdinalIgnoreCase);

    public PackageRestorer(string directory)
    {
        _directory = directory;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name is { } simple && _assemblies.TryGetValue(simple, out var path) ? context.LoadFromAssemblyPath(path) : null;
    }

    /// <summary>The runtime assemblies of every package restored so far, by simple name.</summary>
    public IReadOnlyDictionary<string, string> Assemblies => _assemblies;

    /// <summary>Adds <paramref name="requests"/> and restores; returns the paths of assemblies new to the kernel.</summary>
    public async Task<IReadOnlyList<string>> RestoreAsync(IReadOnlyList<PackageRequest> requests, TextWriter log, CancellationToken cancellationToken)
    {
        foreach (var request in requests)
        {
            _packages.RemoveAll(p => string.Equals(p.Name, request.Name, StringComparison.OrdinalIgnoreCase));
            _packages.Add(request);
        }

        var project = Path.Combine(_directory, "packages");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "NotebookPackages.csproj"), ProjectText(), cancellationToken).ConfigureAwait(false);
        if (FindNuGetConfig(Environment.CurrentDirectory) is { } config)
        {
            File.Copy(config, Path.Combine(project, "nuget.config"), overwrite: true);
        }

        log.WriteLine($"Restoring {string.Join(", ", requests.Select(r => r.Version is null ? r.Name : $"{r.Name} {r.Version}"))}...");
        log.Flush();
        var (exitCode, output) = await RunAsync("dotnet", ["restore", Path.Combine(project, "NotebookPackages.csproj"), "--nologo", "-v", "q"], project, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            // Forget what failed, so the next cell restores what worked before.
            foreach (var request in requests)
            {
                _packages.Remove(request);
            }

            throw new InvalidOperationException("NuGet restore failed:" + Environment.NewLine + output.Trim());
        }

        var added = new List<string>();
        foreach (var path in RuntimeAssemblies(Path.Combine(project, "obj", "project.assets.json")))
        {
            var name = AssemblyName.GetAssemblyName(path).Name!;
            if (_assemblies.ContainsKey(name) || IsInProcess(name))
            {
                continue;
            }

            _assemblies[name] = path;
            added.Add(path);
        }

        return added;
    }

    /// <summary>An assembly the kernel already runs with (the framework, RemoteKit, Roslyn): cells use that one.</summary>
    private static bool IsInProcess(string name) =>
        AssemblyLoadContext.Default.Assemblies.Any(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase))
        || ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "").Split(Path.PathSeparator)
            .Any(p => string.Equals(Path.GetFileNameWithoutExtension(p), name, StringComparison.OrdinalIgnoreCase));

    private string ProjectText()
    {
        var text = new StringBuilder();
        text.AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
        text.AppendLine("  <!-- Written by the RemoteKit notebook kernel: the packages its cells asked for with #r \"nuget: ...\". -->");
        text.AppendLine("  <PropertyGroup>");
        text.AppendLine(CultureInfo.InvariantCulture, $"    <TargetFramework>net{Environment.Version.Major}.{Environment.Version.Minor}</TargetFramework>");
        text.AppendLine("    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>");
        text.AppendLine("    <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>");
        text.AppendLine("    <ImportDirectoryBuildTargets>false</ImportDirectoryBuildTargets>");
        text.AppendLine("    <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>");
        text.AppendLine("  </PropertyGroup>");
        text.AppendLine("  <ItemGroup>");
        foreach (var package in _packages)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    <PackageReference Include=\"{SecurityElement.Escape(package.Name)}\" Version=\"{SecurityElement.Escape(package.Version ?? "*")}\" />");
        }

        text.AppendLine("  </ItemGroup>");
        text.AppendLine("</Project>");
        return text.ToString();
    }

    /// <summary>The runtime assemblies of every package in a restore's assets file, for the project's target framework.</summary>
    private static IEnumerable<string> RuntimeAssemblies(string assetsFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(assetsFile));
        var root = document.RootElement;
        var folders = root.GetProperty("packageFolders").EnumerateObject().Select(p => p.Name).ToArray();
        var libraries = root.GetProperty("libraries");
        foreach (var target in root.GetProperty("targets").EnumerateObject())
        {
            foreach (var library in target.Value.EnumerateObject())
            {
                if (!library.Value.TryGetProperty("type", out var type) || type.GetString() != "package" || !library.Value.TryGetProperty("runtime", out var runtime))
                {
                    continue;
                }

                var folder = libraries.GetProperty(library.Name).GetProperty("path").GetString()!;
                foreach (var file in runtime.EnumerateObject().Select(f => f.Name).Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
                {
                    var path = folders.Select(f => Path.Combine(f, folder, file)).FirstOrDefault(File.Exists);
                    if (path is not null)
                    {
                        yield return path;
                    }
                }
            }

            yield break;
        }
    }

    private static string? FindNuGetConfig(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var found = dir.EnumerateFiles().FirstOrDefault(f => string.Equals(f.Name, "nuget.config", StringComparison.OrdinalIgnoreCase));
            if (found is not null)
            {
                return found.FullName;
            }
        }

        return null;
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }
}
