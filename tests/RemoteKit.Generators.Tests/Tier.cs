// The tier of every test in this assembly: no sockets, no processes, nothing outside this process.
// `dotnet test RemoteKit.sln --filter Category=Unit` runs this tier alone (docs/architecture.md, Tests).
[assembly: Xunit.AssemblyTrait("Category", "Unit")]
