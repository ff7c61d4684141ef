// The tier of every test in this assembly: real processes and sockets on this machine (and its resource managers).
// `dotnet test RemoteKit.sln --filter Category=Integration` runs this tier alone (docs/architecture.md, Tests).
[assembly: Xunit.AssemblyTrait("Category", "Integration")]
