// The tier of every test in this assembly: packs the solution and builds fresh projects against those packages.
// `dotnet test RemoteKit.sln --filter Category=Packaging` runs this tier alone (docs/architecture.md, Tests).
[assembly: Xunit.AssemblyTrait("Category", "Packaging")]
