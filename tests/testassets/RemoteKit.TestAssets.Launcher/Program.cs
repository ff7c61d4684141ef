using RemoteKit;

var engines = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2;
await using var cluster = await Cluster.StartAsync(engines);
Console.WriteLine("PIDS " + string.Join(' ', cluster.ProcessIds));
Console.Out.Flush();
// Wait until killed (the test never writes to standard input).
await Console.In.ReadLineAsync();
