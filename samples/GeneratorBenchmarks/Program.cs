using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

// Build-time and call-cost figures of the [Remote] generator, measured on temporary projects that reference this repository.
var json = args.Contains("--json");
var quick = args.Contains("--quick");
var callsOnly = args.Contains("--calls-only");
// Each build figure is the median of this many rounds (plain and [Remote] alternating, fresh projects each round): one build
// of a few seconds drifts by about a second between runs.
var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(quick ? 1 : 3);
var repo = FindRepository();
var root = Path.Combine(Path.GetTempPath(), "remotekit-genbench-" + Environment.ProcessId);
Directory.CreateDirectory(root);
var results = new JsonObject();
var rows = new List<string[]>();
try
{
    // The first build compiles RemoteKit itself in Release; later builds of the temporary projects take it as built.
    var warm = Projects.Write(root, "warmup", 10, distinct: false, remote: true, repo, program: Projects.TrivialProgram);
    Build.Run(warm, dependencies: true);

    foreach (var count in callsOnly ? [] : quick ? new[] { 100 } : new[] { 100, 1000 })
    {
        foreach (var distinct in new[] { false, true })
        {
            var shape = distinct ? "distinct" : "same";
            var samples = new Dictionary<string, List<double>>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var remote in new[] { false, true })
                {
                    var kind = remote ? "remote" : "plain";
                    var dir = Projects.Write(root, $"{kind}-{shape}-{count}-{round}", count, distinct, remote, repo, Projects.TrivialProgram);
                    Add(samples, kind + "_full", Build.Run(dir, dependencies: false));
                    Projects.EditOneLine(dir);
                    Add(samples, kind + "_incremental", Build.Run(dir, dependencies: false));
                }
            }

            var figures = samples.ToDictionary(s => s.Key, s => Median(s.Value));

            var key = $"build_{count}_{shape}";
            foreach (var (name, seconds) in figures)
            {
                results[$"{key}_{name}_s"] = Math.Round(seconds, 2);
            }

            rows.Add([$"build, {count} methods, {shape} shape", Seconds(figures["plain_full"]), Seconds(figures["remote_full"]),
                Seconds(figures["remote_full"] - figures["plain_full"]), Seconds(figures["plain_incremental"]), Seconds(figures["remote_incremental"])]);
        }
    }

    var applies = quick ? 2_000 : 20_000;
    var callDir = Projects.Write(root, "apply-same-1000", quick ? 100 : 1000, distinct: false, remote: true, repo, Projects.ApplyProgram(applies, quick ? 100 : 1000));
    Build.Run(callDir, dependencies: false);
    var call = Build.RunProgram(callDir);
    foreach (var (name, value) in call)
    {
        results[name] = value?.DeepClone();
    }

    results["applies"] = applies;
}
finally
{
    Build.StopCompilerServer();
    Directory.Delete(root, recursive: true);
}

if (json)
{
    Console.WriteLine(results.ToJsonString());
}
else
{
    Console.WriteLine($"{"figure",-36} {"plain",8} {"[Remote]",9} {"added",8} {"plain edit",11} {"[Remote] edit",14}");
    foreach (var row in rows)
    {
        Console.WriteLine($"{row[0],-36} {row[1],8} {row[2],9} {row[3],8} {row[4],11} {row[5],14}");
    }

    Console.WriteLine();
    Console.WriteLine($"method_group_apply_us (last of 1,000 same-shaped methods): {results["method_group_apply_us"]} µs");
    Console.WriteLine($"typed_apply_us (Work.Remote.M(...)):                        {results["typed_apply_us"]} µs");
    Console.WriteLine($"method_group_variable_apply_us (delegate in a variable):    {results["method_group_variable_apply_us"]} µs");
}

static void Add(Dictionary<string, List<double>> samples, string key, double value)
{
    if (!samples.TryGetValue(key, out var list))
    {
        samples[key] = list = [];
    }

    list.Add(value);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static string Seconds(double s) => s.ToString("0.00", CultureInfo.InvariantCulture) + " s";

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "RemoteKit.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the RemoteKit repository (RemoteKit.sln not found above " + AppContext.BaseDirectory + ").");
}

/// <summary>Writes the temporary projects.</summary>
internal static class Projects
{
    private static readonly string[] Types = ["int", "long", "double", "string", "bool", "float", "short", "byte"];

    public const string TrivialProgram = "System.Console.WriteLine(Work.M0(1, 2));\n";

    public static string Write(string root, string name, int count, bool distinct, bool remote, string repo, string program)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <!-- What the RemoteKit package adds to a project: the interceptors' namespace, no Roslyn authoring analyzers. -->
              <Import Project="{repo}/packaging/RemoteKit/RemoteKit.targets" />
              <ItemGroup>
                <ProjectReference Include="{repo}/runtime/RemoteKit/RemoteKit.csproj" />
                <ProjectReference Include="{repo}/runtime/RemoteKit.Host/RemoteKit.Host.csproj" />
                <ProjectReference Include="{repo}/generators/RemoteKit.Generators/RemoteKit.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        var source = new StringBuilder("using RemoteKit;\n\npublic static partial class Work\n{\n");
        var attribute = remote ? "[Remote] " : "";
        source.Append($"    {attribute}public static long M0(long x, int i) => x + i;\n");
        for (var m = 1; m < count; m++)
        {
            if (distinct)
            {
                var types = Shape(m);
                var parameters = string.Join(", ", types.Select((t, i) => $"{t} p{i}"));
                source.Append($"    {attribute}public static int M{m}({parameters}) => {m};\n");
            }
            else
            {
                source.Append($"    {attribute}public static long M{m}(long x, int i) => x + i + {m};\n");
            }
        }

        source.Append("}\n");
        File.WriteAllText(Path.Combine(dir, "Work.cs"), source.ToString());
        File.WriteAllText(Path.Combine(dir, "Program.cs"), program);
        return dir;
    }

    /// <summary>A distinct parameter list per method: the digits of <paramref name="m"/> in base 8 pick the types.</summary>
    private static List<string> Shape(int m)
    {
        var types = new List<string>();
        for (var n = m; n > 0; n /= Types.Length)
        {
            types.Add(Types[n % Types.Length]);
        }

        types.Add("char");
        return types;
    }

    public static void EditOneLine(string dir)
    {
        var path = Path.Combine(dir, "Work.cs");
        File.WriteAllText(path, File.ReadAllText(path).Replace("=> x + i;", "=> x + i + 1;", StringComparison.Ordinal));
    }

    public static string ApplyProgram(int applies, int count) => ($$"""
        using System.Diagnostics;
        using System.Text.Json;
        using RemoteKit;

        const int Applies = {{applies}};
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var lb = cluster.Client.LoadBalancedView();
        // RK0006 stops a delegate value at compile time; suppressed here to time the run-time path such a value takes.
        #pragma warning disable RK0006
        Func<long, int, long> variable = Work.MLAST;
        var methodGroup = new List<double>();
        var typed = new List<double>();
        var viaVariable = new List<double>();
        await RunAsync(i => lb.ApplyAsync(Work.MLAST, i, 1));
        await RunAsync(i => lb.ApplyAsync(Work.Remote.MLAST(i, 1)));
        await RunAsync(i => lb.ApplyAsync(variable, i, 1));

        // Each round takes the three forms in another order, so none is always first after the last round's wait.
        var forms = new (List<double> Times, Func<long, AsyncResult<long>> Apply)[]
        {
            (methodGroup, i => lb.ApplyAsync(Work.MLAST, i, 1)),
            (typed, i => lb.ApplyAsync(Work.Remote.MLAST(i, 1))),
            (viaVariable, i => lb.ApplyAsync(variable, i, 1)),
        };
        for (var round = 0; round < 9; round++)
        {
            for (var k = 0; k < forms.Length; k++)
            {
                var (times, apply) = forms[(round + k) % forms.Length];
                times.Add(await RunAsync(apply));
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double>
        {
            ["method_group_apply_us"] = Median(methodGroup),
            ["typed_apply_us"] = Median(typed),
            ["method_group_variable_apply_us"] = Median(viaVariable),
        }));

        static double Median(List<double> values) => Math.Round(values.Order().ElementAt(values.Count / 2), 2);

        // Submits every apply, then awaits them: the time per apply is what the caller pays, submission and round trip.
        static async Task<double> RunAsync(Func<long, AsyncResult<long>> apply)
        {
            var pending = new AsyncResult<long>[Applies];
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Applies; i++)
            {
                pending[i] = apply(i);
            }

            foreach (var result in pending)
            {
                await result;
            }

            return watch.Elapsed.TotalMicroseconds / Applies;
        }
        """).Replace("MLAST", "M" + (count - 1), StringComparison.Ordinal);
}

/// <summary>Runs <c>dotnet build</c> and the built program.</summary>
internal static class Build
{
    // A compiler server of our own, warmed by the first build as a developer's is, so the figures are compile work and not the
    // compiler's start; stopped by its id at the end. On Unix the server listens on a socket named by its id in the temporary
    // folder, where the projects' folder (`root`) also lives: the two names must differ, or the server cannot listen, every
    // build waits for it and then compiles in a cold compiler of its own (until the fourth session every build here took
    // about 25 s that way).
    private static readonly string ServerId = "remotekit-genbench-server-" + Environment.ProcessId;

    /// <summary>Builds in Release and returns the wall-clock seconds.</summary>
    public static double Run(string dir, bool dependencies)
    {
        var arguments = "build -c Release -nodeReuse:false -v q -nologo -p:UseSharedCompilation=true -p:SharedCompilationId=" + ServerId +
            (dependencies ? "" : " --no-dependencies");
        var watch = Stopwatch.StartNew();
        var (code, output) = Dotnet(dir, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"dotnet {arguments} failed in {dir}:\n{output}");
        }

        return watch.Elapsed.TotalSeconds;
    }

    public static void StopCompilerServer()
    {
        foreach (var process in Process.GetProcesses())
        {
            using (process)
            {
                var cmdline = Path.Combine("/proc", process.Id.ToString(CultureInfo.InvariantCulture), "cmdline");
                if (File.Exists(cmdline) && File.ReadAllText(cmdline).Contains(ServerId, StringComparison.Ordinal))
                {
                    process.Kill();
                }
            }
        }
    }

    public static JsonObject RunProgram(string dir)
    {
        var (code, output) = Dotnet(dir, "run -c Release --no-build");
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        if (code != 0 || last is null)
        {
            throw new InvalidOperationException("The apply program failed:\n" + output);
        }

        return JsonNode.Parse(last)!.AsObject();
    }

    private static (int Code, string Output) Dotnet(string dir, string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
