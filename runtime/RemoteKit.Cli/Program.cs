using System.CommandLine;
using System.CommandLine.Help;
using RemoteKit;
using RemoteKit.Cli;

// remotekit: profiles, clusters, controller and engine processes. Usage errors print one line and exit with 2.

// A daemonized child detaches before anything opens the console: the console keeps duplicates of the inherited
// descriptors, which would hold the launching terminal's (or a test's) pipes open for as long as the cluster runs.
if (Array.IndexOf(args, "--daemon-log") is var logAt and >= 0 && logAt + 1 < args.Length)
{
    ChildProcesses.Detach(args[logAt + 1]);
}

var root = Commands.Build();
var parse = root.Parse(args);
if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
{
    var command = string.Join(' ', ["remotekit", .. CommandPath(parse.CommandResult)]);
    var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
    Console.Error.WriteLine($"remotekit: {error.Message} (see '{command} --help')");
    return ExitCodes.Usage;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
}
catch (CliException e)
{
    Console.Error.WriteLine($"remotekit: {e.Message}");
    return e.ExitCode;
}
catch (Exception e) when (e is RemoteKitConnectionException or TimeoutException or FileNotFoundException or System.Security.Authentication.AuthenticationException)
{
    Console.Error.WriteLine($"remotekit: {e.Message}");
    return ExitCodes.Failure;
}

static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
{
    var names = new Stack<string>();
    for (var r = result; r is not null && r.Parent is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
    {
        names.Push(r.Command.Name);
    }

    return names;
}
