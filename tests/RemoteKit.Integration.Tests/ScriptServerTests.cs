using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using RemoteKit.Engine;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// The per-host script server with real processes: engines compile through it, it outlives a cluster, engines never load
/// the compiler, it survives bad input and its own death, and concurrent starts leave one. Each test has a folder of its
/// own for the server's socket and shuts down the server it started.
/// </summary>
public sealed class ScriptServerTests
{
    [Fact]
    public async Task Execute_compiles_through_the_server_and_returns_values_and_errors_with_their_lines()
    {
        await using var server = new ServerFolder();
        await using var cluster = await server.StartClusterAsync(2);
        await ValuesErrorsAndExceptionsComeBackAsync(cluster);

        var status = await server.StatusAsync();
        Assert.NotNull(status);
        Assert.DoesNotContain(status.ProcessId, cluster.ProcessIds);
        Assert.True(status.Compilations >= 3, status.ToString());
    }

    [Fact]
    public async Task The_server_outlives_its_cluster_and_a_second_clusters_engines_use_it()
    {
        await using var server = new ServerFolder();
        ScriptServerStatus first;
        await using (var cluster = await server.StartClusterAsync(1))
        {
            await cluster.Client[0].ExecuteAsync("var first_cluster = 1;");
            first = (await server.StatusAsync())!;
        }

        Assert.True(Processes.TryGet(first.ProcessId) is not null, "the server ended with its cluster");
        await using (var cluster = await server.StartClusterAsync(1))
        {
            await cluster.Client[0].ExecuteAsync("var second_cluster = 2;");
            Assert.Equal(2, cluster.Client[0].Pull<int>("second_cluster"));
        }

        var second = (await server.StatusAsync())!;
        Assert.Equal(first.ProcessId, second.ProcessId);
        Assert.True(second.Compilations > first.Compilations, $"{first}\n---\n{second}");
    }

    [Fact]
    public async Task An_engine_that_ran_remote_calls_and_scripts_through_the_server_has_no_compiler_loaded()
    {
        await using var server = new ServerFolder();
        await using var cluster = await server.StartClusterAsync(1);
        var engine = cluster.Client[0];
        Assert.Equal(32L, await engine.ApplyAsync(Work.Power, 2));
        Assert.Empty(await engine.ApplyAsync(ScriptServerWork.LoadedCompilerAssemblies));

        // An Execute waits for the engine's warm-up, which went through the server too.
        await engine.ExecuteAsync("var lean = 1 + 1;");
        Assert.Equal(2, engine.Pull<int>("lean"));
        Assert.Empty(await engine.ApplyAsync(ScriptServerWork.LoadedCompilerAssemblies));
        Assert.NotNull(await server.StatusAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_engine_that_ran_many_distinct_scripts_keeps_only_the_recent_ones_loaded(bool serverCompiles)
    {
        await using var server = new ServerFolder();
        await using var cluster = await server.StartClusterAsync(1, enabled: serverCompiles);
        var engine = cluster.Client[0];
        const int scripts = 200;
        for (var i = 0; i < scripts; i++)
        {
            await engine.ExecuteAsync($"var cell{i} = {i} * 2;");
        }

        var loaded = await engine.ApplyAsync(ScriptServerWork.ScriptAssembliesAfterCollecting, LoadedScripts.DefaultCapacity);
        Assert.True(loaded <= LoadedScripts.DefaultCapacity, $"{loaded} script assemblies loaded after {scripts} scripts");

        // A script let go runs again (the server still has it compiled), and every value it set stayed in the namespace.
        await engine.ExecuteAsync("var cell0 = 0 * 2;");
        await engine.ExecuteAsync("var total = 0; for (var j = 0; j < 200; j++) total += (int)Variables[$\"cell{j}\"]!;");
        Assert.Equal(Enumerable.Range(0, scripts).Sum(i => i * 2), engine.Pull<int>("total"));
        Assert.Equal(serverCompiles, await server.StatusAsync() is not null);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_script_that_references_an_assembly_file_runs_with_it_and_later_scripts_see_it(bool serverCompiles)
    {
        await using var server = new ServerFolder();
        await using var cluster = await server.StartClusterAsync(1, enabled: serverCompiles);
        var engine = cluster.Client[0];
        var library = System.IO.Path.Combine(AppContext.BaseDirectory, "Newtonsoft.Json.dll");

        await engine.ExecuteAsync($"#r \"{library}\"\nvar json = Newtonsoft.Json.JsonConvert.SerializeObject(new[] {{ 1, 2 }});");
        Assert.Equal("[1,2]", engine.Pull<string>("json"));

        // Loaded in the engine now, so a later script names it without #r.
        await engine.ExecuteAsync("var again = Newtonsoft.Json.JsonConvert.SerializeObject(new[] { 3 });");
        Assert.Equal("[3]", engine.Pull<string>("again"));

        // A platform assembly by name, which the engine's runtime loads itself.
        await engine.ExecuteAsync("#r \"System.Xml.Linq\"\nvar element = new System.Xml.Linq.XElement(\"a\", 1).ToString();");
        Assert.Equal("<a>1</a>", engine.Pull<string>("element"));

        // A file that is not there is a compile error naming it.
        var missing = Assert.Throws<RemoteException>(() => engine.Execute("#r \"/no/such/Library.dll\"\nvar x = 1;"));
        Assert.Contains("/no/such/Library.dll", missing.Message);
    }

    [Fact]
    public async Task Without_the_server_an_engine_compiles_for_itself_with_the_same_results_and_errors()
    {
        await using var server = new ServerFolder();
        await using var cluster = await server.StartClusterAsync(2, enabled: false);
        await ValuesErrorsAndExceptionsComeBackAsync(cluster);

        // A variable of a type the script declared stays usable in later scripts, untyped.
        await cluster.Client[0].ExecuteAsync("record Point(int X, int Y); var p = new Point(3, 4);");
        await cluster.Client[0].ExecuteAsync("var px = (int)Variables[\"p\"]!.GetType().GetProperty(\"X\")!.GetValue(Variables[\"p\"])!;");
        Assert.Equal(3, cluster.Client[0].Pull<int>("px"));

        Assert.NotEmpty(await cluster.Client[0].ApplyAsync(ScriptServerWork.LoadedCompilerAssemblies));
        Assert.Null(await server.StatusAsync());
    }

    [Fact]
    public async Task A_killed_server_is_replaced_and_the_next_Execute_still_works()
    {
        await using var server = new ServerFolder();
        await using var cluster = await server.StartClusterAsync(1);
        await cluster.Client[0].ExecuteAsync("var before_kill = 1;");
        var killed = (await server.StatusAsync())!.ProcessId;
        using (var process = Process.GetProcessById(killed))
        {
            process.Kill();
            await process.WaitForExitAsync().WaitAsync(Patience.Long);
        }

        await cluster.Client[0].ExecuteAsync("var after_kill = before_kill + 1;");
        Assert.Equal(2, cluster.Client[0].Pull<int>("after_kill"));
        var replacement = await server.StatusAsync();
        Assert.NotNull(replacement);
        Assert.NotEqual(killed, replacement.ProcessId);
    }

    [Fact]
    public async Task Garbage_on_the_socket_gets_a_clear_error_and_the_server_keeps_serving()
    {
        await using var server = new ServerFolder();
        await using var cluster = await server.StartClusterAsync(1);
        await cluster.Client[0].ExecuteAsync("var served = 1;");

        Assert.Contains("RKSS", await server.SendRawAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n\r\n")));
        Assert.Contains("larger than the limit", await server.SendRawAsync(ScriptWire.Frame(ScriptMessageKind.Compile, [])[..7].Concat(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F }).ToArray()));
        Assert.Contains("version 999", await server.SendRawAsync(ScriptWire.Frame(ScriptMessageKind.Status, [], version: 999)));
        Assert.Contains("Malformed", await server.SendRawAsync(ScriptWire.Frame(ScriptMessageKind.Compile, [1, 2, 3])));

        await cluster.Client[0].ExecuteAsync("var still_served = served + 1;");
        Assert.Equal(2, cluster.Client[0].Pull<int>("still_served"));
        // The four above, and not the engines' checks that the server is there (they connect and send nothing).
        Assert.Equal(4, (await server.StatusAsync())!.Rejected);
    }

    [Fact]
    public async Task Concurrent_starts_leave_one_server_and_the_others_exit()
    {
        await using var server = new ServerFolder();
        var host = System.IO.Path.Combine(AppContext.BaseDirectory, "RemoteKit.Host.dll");
        var started = Enumerable.Range(0, 4)
            .Select(_ => Process.Start(new ProcessStartInfo("dotnet", ["exec", host, "script-server", "--directory", server.Path]) { RedirectStandardError = true })!)
            .ToList();
        try
        {
            var socket = EngineScripts.ServerSocket(EngineScripts.Options(server.Path));
            await Events.FileAppearsAsync(socket);
            var status = await server.StatusAsync();
            Assert.NotNull(status);
            var others = started.Where(p => p.Id != status.ProcessId).ToList();
            Assert.Equal(3, others.Count);
            foreach (var other in others)
            {
                await other.WaitForExitAsync().WaitAsync(Patience.Long);
                Assert.Contains("already serves", await other.StandardError.ReadToEndAsync());
            }

            Assert.Equal(status.ProcessId, (await server.StatusAsync())!.ProcessId);
        }
        finally
        {
            await server.DisposeAsync();
            foreach (var process in started)
            {
                await process.WaitForExitAsync().WaitAsync(Patience.Long);
                process.Dispose();
            }
        }
    }

    /// <summary>
    /// What every compile path must give on a two-engine cluster: values computed from a pushed variable and the context,
    /// a compile error with its line, and a thrown exception's type.
    /// </summary>
    private static async Task ValuesErrorsAndExceptionsComeBackAsync(Cluster cluster)
    {
        var all = cluster.Client[..];
        all["base_value"] = 3;
        await all.ExecuteAsync("var cubed = (int)Math.Pow(base_value, 3); var label = $\"{cubed}-{Context.EngineId}\";");
        Assert.Equal([27, 27], all.Pull<int>("cubed"));
        Assert.Equal(cluster.Client.Ids.Select(id => $"27-{id}"), all.Pull<string>("label"));

        var error = Assert.Throws<RemoteException>(() => cluster.Client[0].Execute("var ok = 1;\nvar broken = ok * \"text\";"));
        Assert.Equal("RemoteKit.Engine.ScriptCompilationException", error.RemoteType);
        Assert.Contains("(2,", error.Message);
        Assert.Contains("CS0019", error.Message);

        var thrown = Assert.Throws<RemoteException>(() => cluster.Client[1].Execute("throw new InvalidOperationException(\"from script\");"));
        Assert.Equal("System.InvalidOperationException", thrown.RemoteType);
    }

    /// <summary>A test's server folder: clusters whose engines use it, its server's status, raw frames to its socket, and the server shut down at the end.</summary>
    private sealed class ServerFolder : IAsyncDisposable
    {
        private readonly TempDirectory _folder = new("rkss-");
        private readonly ScriptServerPaths _paths;

        public ServerFolder() => _paths = ScriptServerPaths.For(EngineScripts.Options(_folder.Path));

        public string Path => _folder.Path;

        public Task<Cluster> StartClusterAsync(int engines, bool enabled = true)
        {
            var options = new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2) };
            options.Settings[Configuration.SettingKeys.ScriptServer.Directory] = Path;
            options.Settings[Configuration.SettingKeys.ScriptServer.Enabled] = enabled ? "true" : "false";
            return Cluster.StartAsync(engines, options);
        }

        public Task<ScriptServerStatus?> StatusAsync() => ScriptServerConnection.StatusAsync(_paths, CancellationToken.None);

        /// <summary>Sends <paramref name="bytes"/> and returns the server's error message.</summary>
        public async Task<string> SendRawAsync(byte[] bytes)
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(_paths.Socket));
            await using var stream = new NetworkStream(socket);
            await stream.WriteAsync(bytes);
            socket.Shutdown(SocketShutdown.Send);
            using var deadline = new CancellationTokenSource(Patience.Long);
            var (kind, body) = await ScriptWire.ReadAsync(stream, ScriptWire.MaxBodyBytes, deadline.Token);
            Assert.Equal(ScriptMessageKind.Error, kind);
            return ScriptTextBody.ReadText(body);
        }

        public async ValueTask DisposeAsync()
        {
            if (await StatusAsync() is { } status && await ScriptServerConnection.ShutdownAsync(_paths, CancellationToken.None))
            {
                Assert.True(await Processes.ExitsAsync(status.ProcessId), $"script server {status.ProcessId} did not exit");
            }

            _folder.Dispose();
        }
    }
}

/// <summary>What the script server tests ask engines.</summary>
public static partial class ScriptServerWork
{
    /// <summary>
    /// The Roslyn assemblies the engine process loaded for itself (its default context). This test assembly references
    /// Roslyn, so its shipped code bundle carries copies that load into the bundle's own context; those are not the engine's.
    /// </summary>
    [Remote]
    public static string[] LoadedCompilerAssemblies() => AppDomain.CurrentDomain.GetAssemblies()
        .Where(a => System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(a) == System.Runtime.Loader.AssemblyLoadContext.Default)
        .Select(a => a.GetName().Name ?? "")
        .Where(n => n.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
        .ToArray();

    /// <summary>
    /// How many compiled scripts the engine process still has loaded, after collecting until at most
    /// <paramref name="atMost"/> are (unloading takes several collections) or a minute has passed.
    /// </summary>
    [Remote]
    public static int ScriptAssembliesAfterCollecting(int atMost)
    {
        // Roslyn names every script's assembly this way.
        static int Count() => AppDomain.CurrentDomain.GetAssemblies().Count(a => a.FullName?.StartsWith("\u211B*", StringComparison.Ordinal) == true);

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (Count() > atMost && DateTime.UtcNow < deadline)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return Count();
    }
}
